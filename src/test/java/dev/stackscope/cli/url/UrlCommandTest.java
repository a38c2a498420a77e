package dev.stackscope.cli.url;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
    JsonNode all = r.json();
    assertTrue(all.isArray(), r::toString);
    assertEquals(1, all.size(), r::toString);
    JsonNode url = all.get(0);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("href", "postgres://myuser:•••@db.coolsite.com:5432/mydb");
    expected.put("origin", "null");
    expected.put("protocol", "postgres:");
    expected.put("username", "myuser");
    expected.put("password", "•••");
    expected.put("host", "db.coolsite.com:5432");
    expected.put("hostname", "db.coolsite.com");
    expected.put("port", "5432");
    expected.put("pathname", "/mydb");
    expected.put("search", "");
    expected.put("hash", "");
    expected.put("scheme", "postgres");
    expected.put("hostType", "opaque");
    expected.put("subdomain", "db");
    expected.put("registrableDomain", "coolsite.com");
    expected.put("publicSuffix", "com");
    expected.put("publicSuffixSection", "icann");
    expected.put("defaultPort", 5432);
    expected.put("effectivePort", 5432);
    expected.forEach(
        (field, value) -> {
          JsonNode v = url.get(field);
          assertTrue(v != null, field + " missing in\n" + r.out());
          if (value instanceof Integer n) {
            assertTrue(v.isInt(), field + " is a number: " + v);
            assertEquals(n.intValue(), v.asInt(), field);
          } else {
            assertTrue(v.isTextual(), field + " is a string: " + v);
            assertEquals(value, v.asText(), field);
          }
        });
    assertTrue(url.get("pathSegments").isArray(), r::toString);
    assertTrue(url.get("queryParams").isArray() && url.get("queryParams").isEmpty(), r::toString);
    String json = r.out();
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
    assertEquals("private", json.json().get(0).get("publicSuffixSection").asText(), json::toString);
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
    JsonNode all = r.json();
    assertEquals(2, all.size(), r::toString);
    assertEquals("a.example", all.get(0).get("hostname").asText(), r::toString);
    assertEquals("http://a b/", all.get(1).get("input").asText(), r::toString);
    assertEquals("forbidden code point in domain", all.get(1).get("error").asText(), r::toString);
  }

  @Test
  void urlFileStreamsLinesAndJson() throws IOException {
    Path file = tmp.resolve("urls.txt");
    Files.writeString(file, "https://one.example/\r\n\nnot a url\nhttps://two.example:8080/x\n");
    Result r = stackscope("url", "--url-file", file.toString(), "--get", "{host}");
    assertEquals(1, r.exitCode());
    assertEquals("one.example\ntwo.example:8080\n", r.out());
    Result json = stackscope("url", "--json", "--url-file", file.toString());
    Result args =
        stackscope(
            "url", "--json", "https://one.example/", "not a url", "https://two.example:8080/x");
    assertEquals(
        args.out(), json.out(), "a streamed batch has the layout of the same URLs as arguments");
    JsonNode all = json.json();
    assertEquals(3, all.size(), json::toString);
    assertEquals("one.example", all.get(0).get("hostname").asText(), json::toString);
    assertEquals("not a url", all.get(1).get("input").asText(), json::toString);
    assertEquals("missing scheme", all.get(1).get("error").asText(), json::toString);
    assertEquals("two.example", all.get(2).get("hostname").asText(), json::toString);
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
  void everyEmptyNulRecordGetsAnEntrySoOutputsStayAligned() throws IOException {
    Path file = tmp.resolve("aligned.bin");
    Files.writeString(file, "https://a.example/x\0\0https://c.example/\0\0");
    Result json = stackscope("url", "-0", "--url-file", file.toString(), "--json");
    assertEquals(1, json.exitCode(), json::toString);
    JsonNode all = json.json();
    assertEquals(4, all.size(), json::toString);
    assertEquals("a.example", all.get(0).get("hostname").asText());
    assertEquals("", all.get(1).get("input").asText());
    assertTrue(all.get(1).hasNonNull("error"), json::toString);
    assertEquals("c.example", all.get(2).get("hostname").asText());
    assertTrue(all.get(3).hasNonNull("error"), json::toString);
    // --get: one line per record, empty for a record that fails (named on stderr)
    Result get = stackscope("url", "-0", "--url-file", file.toString(), "--get", "{host}");
    assertEquals("a.example\n\nc.example\n\n", get.out(), get::toString);
    assertEquals(2, get.err().lines().count(), get::toString);
    // with --base an empty record is the base itself (a reference to the same document)
    Result based =
        stackscope(
            "url",
            "-0",
            "--url-file",
            file.toString(),
            "--base",
            "https://b.example/d?q#f",
            "--get",
            "{href}");
    assertEquals(0, based.exitCode(), based::toString);
    assertEquals(
        "https://a.example/x\nhttps://b.example/d?q\nhttps://c.example/\nhttps://b.example/d?q\n",
        based.out());
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
    Result absent = stackscope("url", "--url-file", tmp.resolve("absent").toString());
    assertEquals(2, absent.exitCode(), absent::toString); // a file named on the command line: usage
    assertEquals(
        "stackscope: cannot read --url-file '" + tmp.resolve("absent") + "': no such file\n",
        absent.err());
  }

  @Test
  void passwordsInEchoedInputAndErrorsAreMasked() {
    Result r = stackscope("url", "--json", CLASSIC, "http://u:hunter2@[::1/");
    assertFalse(r.out().contains("mypass"), r.out());
    assertFalse(r.out().contains("hunter2"), r.out());
    assertEquals("http://u:•••@[::1/", r.json().get(1).get("input").asText(), r::toString);
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
