package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final UnaryOperator<String> MASK = p -> "•••";

  @Test
  void masksThePasswordOfTheAuthorityOnly() {
    assertEquals("https://u:•••@h/p", Credentials.maskInInput("https://u:pw@h/p", MASK));
    assertEquals("https://u:•••@h/x@y", Credentials.maskInInput("https://u:p:w@h/x@y", MASK));
    assertEquals(
        "redis://:•••@cache:6379", Credentials.maskInInput("redis://:s3cr@t@cache:6379", MASK));
    assertEquals("https://u@h/a:b@c", Credentials.maskInInput("https://u@h/a:b@c", MASK));
    assertEquals("https://h:8080/", Credentials.maskInInput("https://h:8080/", MASK));
    assertEquals("mailto:a:b@c", Credentials.maskInInput("mailto:a:b@c", MASK));
    assertEquals("https://u:@h/", Credentials.maskInInput("https://u:@h/", MASK));
  }

  /** The masked part is what the parser takes as the password. */
  @Test
  void agreesWithTheParser() throws Exception {
    String input = "ftp://user:pa%20ss:x@files.example/pub";
    WhatwgUrl url = WhatwgUrl.parse(input);
    String[] seen = new String[1];
    Credentials.maskInInput(input, p -> seen[0] = p);
    assertEquals(url.password(), PercentEncoding.encode(seen[0], PercentEncoding.USERINFO));
  }
}
