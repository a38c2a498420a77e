package dev.stackscope.cli.url;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlCommandTest {
  private static final String CLASSIC = "postgres://myuser:mypass@db.coolsite.com:5432/mydb";

  @TempDir Path tmp;

  @Test
  void classicConnectionStringMatchesGoldenFile() throws IOException {
    Result r = stackscope("url", CLASSIC);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(golden("classic.txt"), r.out());
    assertFalse(r.out().contains("mypass"), "password must be masked");
  }

  @Test
  void revealShowsThePassword() {
    Result r = stackscope("url", "--reveal", "--get", "{password} {href}", CLASSIC);
    assertEquals("mypass " + CLASSIC + "\n", r.out());
  }

  @Test
  void jsonHasTheWhatwgFieldsAndTheSplit() {
    Result r = stackscope("url", "--json", CLASSIC);
    assertEquals(0, r.exitCode(), r.toString());
    String json = r.out();
    assertTrue(json.startsWith("["), json);
    for (String field :
        new String[] {
          "\"href\" : \"postgres://myuser:•••@db.coolsite.com:5432/mydb\"",
          "\"origin\" : \"null\"",
          "\"protocol\" : \"postgres:\"",
          "\"username\" : \"myuser\"",
          "\"password\" : \"•••\"",
          "\"host\" : \"db.coolsite.com:5432\"",
          "\"hostname\" : \"db.coolsite.com\"",
          "\"port\" : \"5432\"",
          "\"pathname\" : \"/mydb\"",
          "\"search\" : \"\"",
          "\"hash\" : \"\"",
          "\"scheme\" : \"postgres\"",
          "\"hostType\" : \"opaque\"",
          "\"subdomain\" : \"db\"",
          "\"registrableDomain\" : \"coolsite.com\"",
          "\"publicSuffix\" : \"com\"",
          "\"publicSuffixSection\" : \"icann\"",
          "\"defaultPort\" : 5432",
          "\"effectivePort\" : 5432",
          "\"pathSegments\" : [",
          "\"queryParams\" : [ ]"
        }) {
      assertTrue(json.contains(field), field + " missing in\n" + json);
    }
    assertFalse(json.contains("mypass"));
  }

  @Test
  void privateSuffixAndIdnHost() {
    Result r =
        stackscope(
            "url",
            "--get",
            "{registrableDomain}|{publicSuffix}|{hostname}|{unicodeHostname}",
            "https://octocat.github.io/",
            "https://www.bücher.de/");
    assertEquals(
        "octocat.github.io|github.io|octocat.github.io|octocat.github.io\n"
            + "bücher.de|de|www.xn--bcher-kva.de|www.bücher.de\n"
                .replace("bücher.de|", "xn--bcher-kva.de|"),
        r.out());
    Result json = stackscope("url", "--json", "https://octocat.github.io/");
    assertTrue(json.out().contains("\"publicSuffixSection\" : \"private\""), json.out());
  }

  @Test
  void baseResolvesRelativeReferences() {
    Result r =
        stackscope(
            "url",
            "--base",
            "https://example.com/a/b/c",
            "--get",
            "{href}",
            "../d?x=1",
            "//other.org/");
    assertEquals("https://example.com/a/d?x=1\nhttps://other.org/\n", r.out());
  }

  @Test
  void invalidUrlsAreNamedAndTheOthersStillPrint() {
    Result r =
        stackscope(
            "url",
            "--get",
            "{host}",
            "https://ok.example/",
            "http://[::1",
            "http://h:99999/",
            "example.com",
            "https://also.ok/");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals("ok.example\nalso.ok\n", r.out());
    assertTrue(r.err().contains("\"http://[::1\": invalid IPv6 address"), r.err());
    assertTrue(r.err().contains("\"http://h:99999/\": port out of range"), r.err());
    assertTrue(
        r.err().contains("\"example.com\": missing scheme — did you mean http://example.com?"),
        r.err());
  }

  @Test
  void jsonBatchReportsErrorsAsObjects() {
    Result r = stackscope("url", "--json", "https://a.example/", "http://a b/");
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("\"input\" : \"http://a b/\""), r.out());
    assertTrue(r.out().contains("\"error\" : \"forbidden code point in domain\""), r.out());
    assertTrue(r.out().contains("\"hostname\" : \"a.example\""), r.out());
  }

  @Test
  void urlFileStreamsLinesAndJson() throws IOException {
    Path file = tmp.resolve("urls.txt");
    Files.writeString(file, "https://one.example/\r\n\nnot a url\nhttps://two.example:8080/x\n");
    Result r = stackscope("url", "--url-file", file.toString(), "--get", "{host}");
    assertEquals(1, r.exitCode());
    assertEquals("one.example\ntwo.example:8080\n", r.out());
    Result json = stackscope("url", "--json", "--url-file", file.toString());
    assertEquals(
        5, json.out().split("\n").length, "[, three objects on their own lines, ]: " + json.out());
    assertTrue(
        json.out().contains("{\"input\":\"not a url\",\"error\":\"missing scheme\"}"), json.out());
    assertTrue(json.out().trim().endsWith("]"));
  }

  @Test
  void nulSeparatedRecordsMayHoldNewlines() throws IOException {
    Path file = tmp.resolve("urls.bin");
    Files.writeString(file, "https://ex\nample.com/a\tb\0https://second.example/\0");
    Result r = stackscope("url", "-0", "--url-file", file.toString(), "--get", "{host}{path}");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("example.com/ab\nsecond.example/\n", r.out());
  }

  @Test
  void urlFileDashReadsStdin() {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              "https://[2001:DB8::1]:8443/\nws://h.example/\n".getBytes(StandardCharsets.UTF_8)));
      Result r =
          stackscope("url", "--url-file", "-", "--get", "{hostType} {hostname} {effectivePort}");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals("ipv6 [2001:db8::1] 8443\ndomain h.example 80\n", r.out());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void idnHostShowsUnicodeAndPunycode() {
    Result r = stackscope("url", "https://www.bücher.de/");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("host                www.xn--bcher-kva.de"), r.out());
    assertTrue(r.out().contains("unicode             www.bücher.de"), r.out());
  }

  @Test
  void usageErrors() {
    assertEquals(2, stackscope("url").exitCode());
    Result bad = stackscope("url", "--get", "{nope}", "https://a/");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("unknown component {nope}"), bad.err());
    assertEquals(2, stackscope("url", "--base", "not a url", "x").exitCode());
    assertEquals(1, stackscope("url", "--url-file", tmp.resolve("absent").toString()).exitCode());
  }

  @Test
  void passwordsInEchoedInputAndErrorsAreMasked() {
    Result r = stackscope("url", "--json", CLASSIC, "http://u:hunter2@[::1/");
    assertFalse(r.out().contains("mypass"), r.out());
    assertFalse(r.out().contains("hunter2"), r.out());
    assertTrue(r.out().contains("\"input\" : \"http://u:•••@[::1/\""), r.out());
    Result text = stackscope("url", "http://u:hunter2@[::1/", CLASSIC);
    assertFalse(text.err().contains("hunter2") || text.out().contains("mypass"), text.toString());
  }

  @Test
  void validationErrorsAreWarnings() {
    Result r = stackscope("url", "https:\\\\example.com\\a");
    assertEquals(0, r.exitCode());
    assertTrue(r.err().contains("warning:"), r.err());
    assertTrue(r.err().contains("invalid-reverse-solidus"), r.err());
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = UrlCommandTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
