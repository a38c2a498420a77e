package dev.stackscope.cli.url;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** {@code url --set/--append/--delete/--trim/--sort-query/--redirect}, templates and --redact. */
class UrlEditCommandTest {
  @Test
  void setsApplyInOrderAsTheUrlApiDoes() {
    Result r =
        stackscope(
            "url",
            "--set",
            "host=staging.example:8443",
            "--set",
            "pathname=/a b/../c",
            "--set",
            "hash=",
            "--set",
            "protocol=wss",
            "--get",
            "{href}",
            "https://example.com/x?q=1#frag");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("wss://staging.example:8443/c?q=1\n", r.out());
  }

  @Test
  void queryEditsWorkOnTheListAndReserialise() {
    Result r =
        stackscope(
            "url",
            "--trim",
            "utm_*",
            "--delete",
            "x",
            "--append",
            "b=two words",
            "--append",
            "a=é",
            "--sort-query",
            "--get",
            "{href}",
            "https://a.example/p?utm_source=mail&x=1&b=1&utm_medium=y&x=2#f");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("https://a.example/p?a=%C3%A9&b=1&b=two+words#f\n", r.out());
    Result emptied =
        stackscope("url", "--delete", "x", "--get", "{href}", "https://a.example/?x=1");
    assertEquals("https://a.example/\n", emptied.out(), "no pairs left: no query at all");
  }

  @Test
  void redirectResolvesAgainstEachUrl() {
    Result r =
        stackscope(
            "url",
            "--redirect",
            "../login?next=%2F",
            "--get",
            "{href}",
            "https://a.example/app/page",
            "http://b.example/x/y/z");
    assertEquals("https://a.example/login?next=%2F\nhttp://b.example/x/login?next=%2F\n", r.out());
  }

  @Test
  void jsonOfAnEditedUrlShowsTheResult() {
    Result r =
        stackscope("url", "--json", "--set", "port=8080", "--append", "k=v", "http://h.example/");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode u = r.json().get(0);
    assertEquals("http://h.example:8080/?k=v", u.get("href").asText());
    assertEquals("http://h.example/", u.get("input").asText());
    assertEquals(8080, u.get("effectivePort").asInt());
    assertEquals("v", u.get("queryParams").get(0).get("value").asText());
  }

  @Test
  void badEditsAreUsageErrors() {
    Result unknown = stackscope("url", "--set", "colour=red", "https://a.example/");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("--set colour=red: expected COMPONENT=VALUE"), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    Result port = stackscope("url", "--set", "port=99999", "https://a.example/");
    assertEquals(2, port.exitCode(), port.toString());
    assertTrue(port.err().contains("--set port=99999"), port.err());
    Result scheme = stackscope("url", "--set", "protocol=1x", "https://a.example/");
    assertEquals(2, scheme.exitCode(), scheme.toString());
  }

  @Test
  void aRefusedSetterFailsThatUrlOnly() {
    Result r =
        stackscope("url", "--set", "host=a b", "--get", "{host}", "https://a.example/", "sc://x/");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("\"https://a.example/\": --set host: forbidden code point"), r.err());
    assertTrue(r.err().contains("\"sc://x/\": --set host:"), r.err());
  }

  @Test
  void templatesQueryAllIdnPunyAndMust() {
    Result r =
        stackscope(
            "url",
            "--get",
            "{query-all:a}|{idn:host}|{puny:hostname}",
            "https://bücher.example:8080/?a=1&b=2&a=x+y");
    assertEquals("1 x y|bücher.example:8080|xn--bcher-kva.example\n", r.out());
    Result must =
        stackscope(
            "url", "--get", "{must:query:id}", "https://a.example/?id=7", "https://b.example/");
    assertEquals(1, must.exitCode(), must.toString());
    assertEquals("7\n", must.out());
    assertTrue(must.err().contains("\"https://b.example/\": {must:query:id} is empty"), must.err());
  }

  @Test
  void redactMasksSecretQueryValuesAndTheTextViewMarksThem() {
    String signed =
        "https://bucket.example/o?X-Amz-Signature=abc123&access_token=t0k&page=2&sig=s1&api_key=k";
    Result r = stackscope("url", "--redact", "--get", "{href}|{query:page}", signed);
    assertEquals(
        "https://bucket.example/o?X-Amz-Signature=•••&access_token=•••&page=2&sig=•••&api_key=•••|2\n",
        r.out());
    Result json = stackscope("url", "--redact", "--json", signed);
    for (JsonNode p : json.json().get(0).get("queryParams")) {
      boolean secret = !p.get("key").asText().equals("page");
      assertEquals(secret, p.get("value").asText().equals("•••"), p.toString());
    }
    assertFalse(json.out().contains("abc123"), json.out());
    Result text = stackscope("url", signed);
    assertTrue(text.out().contains("t0k  (secret-looking: --redact masks it)"), text.out());
    assertFalse(text.out().contains("2  (secret"), text.out());
  }

  @Test
  void confusableHostIsShownOnTheHostLineAndInJson() {
    Result text = stackscope("url", "https://раураl.com/");
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(
        text.out().contains("confusable          mixed Cyrillic + Latin; looks like paypal.com"),
        text.out());
    Result json =
        stackscope("url", "--json", "https://xn--80ak6aa92e.com/", "https://example.com/");
    JsonNode c = json.json().get(0).get("confusable");
    assertTrue(c.get("wholeScript").asBoolean(), c.toString());
    assertFalse(c.get("mixedScript").asBoolean(), c.toString());
    assertEquals("apple.com", c.get("looksLike").asText());
    assertTrue(json.json().get(1).get("confusable").isNull(), "an ASCII host is not judged");
    Result fine = stackscope("url", "https://bücher.de/");
    assertFalse(fine.out().contains("confusable"), fine.out());
  }
}
