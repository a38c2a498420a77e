package dev.stackscope.dns.transport;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.dns.FakeHierarchyAccess;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dns trace --server} over DoT and DoH: a real Unbound on loopback (tls-port, https-port, an
 * openssl certificate) knows the root servers of the in-process hierarchy; the trace learns them
 * from it over TLS, then asks the hierarchy's servers directly, as it does from root hints.
 */
class TraceOverEncryptedDnsTest {
  private static LoopbackDaemons daemons;
  private static FakeHierarchyAccess hierarchy;
  private static int dot;
  private static int doh;
  private static String cert;
  private static String hints;

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require("unbound openssl", "unbound", "openssl");
    daemons = new LoopbackDaemons();
    try {
      hierarchy = FakeHierarchyAccess.start();
      hints = dev.stackscope.dns.TestHierarchy.writeRootHints(daemons.dir()).toString();
      cert = daemons.certificate("dns", "DNS:dns.enc.test,IP:127.0.0.1").toString();
      dot = LoopbackDaemons.freePort();
      doh = LoopbackDaemons.freePort();
      Path dir = daemons.dir();
      String conf =
          "server:\n"
              + "  interface: 127.0.0.1@"
              + dot
              + "\n  interface: 127.0.0.1@"
              + doh
              + "\n  tls-port: "
              + dot
              + "\n  https-port: "
              + doh
              + "\n  tls-service-key: \""
              + dir.resolve("dns.key")
              + "\"\n  tls-service-pem: \""
              + cert
              + "\"\n  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
              + "  username: \"\"\n  chroot: \"\"\n  directory: \""
              + dir
              + "\"\n  pidfile: \""
              + dir.resolve("unbound.pid")
              + "\"\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
              + "  module-config: \"iterator\"\n"
              // the in-process hierarchy's root, as a resolver would know it (no glue)
              + "  local-zone: \".\" static\n"
              + "  local-data: \". 3600 IN NS a.root-servers.test.\"\n"
              + "  local-data: \"a.root-servers.test. 3600 IN A 127.53.0.1\"\n"
              + "remote-control:\n  control-enable: no\n";
      daemons.start(
          "unbound", "unbound", "-d", "-c", daemons.write("unbound.conf", conf).toString());
      daemons.awaitTcp(dot);
      daemons.awaitTcp(doh);
    } catch (Exception | AssertionError e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    if (hierarchy != null) {
      hierarchy.close();
    }
    if (daemons != null) {
      daemons.close();
    }
  }

  private static Result trace(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.add("--json");
    return traceText(full.toArray(String[]::new));
  }

  private static Result traceText(String... args) {
    List<String> full = new ArrayList<>(List.of("dns", "trace", "www.example.test"));
    full.addAll(List.of(args));
    full.addAll(List.of("--port", String.valueOf(hierarchy.port()), "--timeout", "5000", "-4"));
    return stackscope(full.toArray(String[]::new));
  }

  private static String dohUrl() {
    return "https://127.0.0.1:" + doh + "/dns-query";
  }

  /** The version a handshake of this JDK with Unbound can end in. */
  private static void assertTlsVersion(JsonNode tls) {
    String v = tls.get("version").asText();
    assertTrue(v.equals("TLSv1.3") || v.equals("TLSv1.2"), tls::toString);
  }

  /** "zone outcome" of each step. */
  private static List<String> outcomes(JsonNode steps) {
    List<String> list = new ArrayList<>();
    steps.forEach(s -> list.add(s.get("zone").asText() + " " + s.get("outcome").asText()));
    return list;
  }

  @Test
  void theRootServersComeFromTheResolverOverTlsAndHttpsThenTheTraceIsAsFromHints() {
    Result fromHints = trace("--root-hints", hints);
    assertEquals(0, fromHints.exitCode(), fromHints::toString);
    JsonNode plain = fromHints.json();
    Result overTls =
        trace(
            "--server",
            "127.0.0.1:" + dot,
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "dns.enc.test");
    Result overHttps = trace("--https", dohUrl(), "--cacert", cert);
    for (Result r : List.of(overTls, overHttps)) {
      assertEquals(0, r.exitCode(), () -> r.err() + r.out());
      JsonNode t = r.json();
      JsonNode steps = t.get("steps");
      String protocol = r == overTls ? "tls" : "https";
      int port = r == overTls ? dot : doh;
      // the priming: ". NS", then the root server's address (the resolver gave no glue)
      assertEquals(". NS", steps.get(0).get("question").asText(), r::toString);
      assertEquals("a.root-servers.test. A", steps.get(1).get("question").asText());
      for (int i = 0; i < 2; i++) {
        assertEquals(protocol, steps.get(i).get("protocol").asText());
        assertEquals("127.0.0.1:" + port, steps.get(i).get("server").get("address").asText());
        assertEquals("NOERROR", steps.get(i).get("rcode").asText());
      }
      assertEquals(
          "a.root-servers.test. A 127.53.0.1",
          steps.get(1).get("records").get(0).get("name").asText()
              + " "
              + steps.get(1).get("records").get(0).get("type").asText()
              + " "
              + steps.get(1).get("records").get(0).get("data").asText());
      // then the same iteration as from the hints, over plain UDP
      List<String> rest = outcomes(steps).subList(2, steps.size());
      assertEquals(outcomes(plain.get("steps")), rest);
      for (int i = 2; i < steps.size(); i++) {
        assertEquals("udp", steps.get(i).get("protocol").asText());
      }
      assertEquals(plain.get("answer"), t.get("answer"));
      assertEquals(plain.get("queries").asInt() + 2, t.get("queries").asInt());
    }
  }

  @Test
  void thePrimingQueriesCarryTheirTlsSessionAsDnsResolveShowsIt() {
    Result overTls =
        trace(
            "--server",
            "127.0.0.1:" + dot,
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "dns.enc.test");
    Result overHttps = trace("--https", dohUrl(), "--cacert", cert);
    for (Result r : List.of(overTls, overHttps)) {
      assertEquals(0, r.exitCode(), () -> r.err() + r.out());
      JsonNode steps = r.json().get("steps");
      // the first query opened the connection: its handshake, verified against --cacert
      JsonNode first = steps.get(0).get("tls");
      assertTrue(first.isObject(), steps.get(0)::toString);
      assertTlsVersion(first);
      assertFalse(first.get("cipherSuite").asText().isEmpty(), first::toString);
      assertTrue(first.get("handshakeMs").isNumber(), first::toString);
      assertTrue(first.get("handshakeMs").asDouble() > 0, first::toString);
      assertFalse(first.get("reused").asBoolean(), first::toString);
      assertTrue(first.get("verified").asBoolean(), first::toString);
      assertTrue(first.get("problem").isNull(), first::toString);
      if (r == overHttps) {
        assertEquals(dohUrl(), first.get("url").asText());
        assertEquals("POST", first.get("method").asText());
        assertEquals("h2", first.get("alpn").asText());
      } else {
        assertTrue(first.get("url").isNull(), first::toString);
        assertTrue(first.get("method").isNull(), first::toString);
      }
      // the root server's address went over the same connection: no second handshake
      JsonNode second = steps.get(1).get("tls");
      assertTrue(second.get("reused").asBoolean(), second::toString);
      assertTrue(second.get("handshakeMs").isNull(), second::toString);
      assertEquals(first.get("version"), second.get("version"));
      assertTrue(second.get("verified").asBoolean(), second::toString);
      // the root and authoritative servers speak plain DNS
      for (int i = 2; i < steps.size(); i++) {
        assertTrue(steps.get(i).get("tls").isNull(), steps.get(i)::toString);
      }
    }
  }

  @Test
  void withInsecureACertificateForAnotherHostIsUsedAndReportedNotVerified() {
    Result overTls =
        trace(
            "--server",
            "127.0.0.1:" + dot,
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "other.test",
            "--insecure");
    Result overHttps =
        trace("--https", dohUrl(), "--cacert", cert, "--tls-name", "other.test", "--insecure");
    for (Result r : List.of(overTls, overHttps)) {
      assertEquals(0, r.exitCode(), () -> r.err() + r.out());
      JsonNode steps = r.json().get("steps");
      for (int i = 0; i < 2; i++) {
        JsonNode tls = steps.get(i).get("tls");
        assertTlsVersion(tls);
        assertFalse(tls.get("verified").asBoolean(), tls::toString);
        assertEquals("wrong host", tls.get("problem").asText(), tls::toString);
      }
      assertTrue(steps.get(0).get("tls").get("handshakeMs").asDouble() > 0);
      assertEquals("answer", r.json().get("result").asText());
    }
  }

  @Test
  void theTextShowsTheTlsLineUnderEachQueryToTheResolver() {
    Result verified =
        traceText(
            "--server",
            "127.0.0.1:" + dot,
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "dns.enc.test");
    assertEquals(0, verified.exitCode(), verified::toString);
    List<String> lines = verified.out().lines().toList();
    // ├─ .  resolver 127.0.0.1:PORT  answer  … tls, then its TLS line first below it
    int step = indexOf(lines, "├─ .  resolver 127.0.0.1:" + dot + "  answer");
    assertTrue(
        lines
            .get(step + 1)
            .matches(
                "│  ├─ TLS: TLSv1\\.[23], (ALPN \\S+, )?handshake \\S+ ms, "
                    + "certificate verified"),
        verified::out);
    int next = indexOf(lines.subList(step + 1, lines.size()), "├─ .  resolver ") + step + 1;
    assertTrue(
        lines
            .get(next + 1)
            .matches(
                "│  ├─ TLS: TLSv1\\.[23], (ALPN \\S+, )?connection reused, "
                    + "certificate verified"),
        verified::out);
    assertEquals(2, verified.out().split("TLS: ", -1).length - 1, verified::out);

    Result insecure =
        traceText("--https", dohUrl(), "--cacert", cert, "--tls-name", "other.test", "-k");
    assertEquals(0, insecure.exitCode(), insecure::toString);
    assertTrue(
        insecure.out().contains("HTTPS: POST " + dohUrl() + ", HTTP/2, TLSv1."), insecure::out);
    assertTrue(
        insecure.out().contains("certificate NOT verified: wrong host (--insecure)"),
        insecure::out);
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError(
        "no line starts with '" + start + "' in:\n" + String.join("\n", lines));
  }

  @Test
  void aCertificateForAnotherHostIsRefusedBeforeAnyQueryOfTheTrace() {
    Result r =
        trace(
            "--server", "127.0.0.1:" + dot, "--tls", "--cacert", cert, "--tls-name", "other.test");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("the root servers could not be learnt from 127.0.0.1:"), r.err());
    assertTrue(r.err().contains("wrong host"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.json().get("error").get("exitCode").asInt(), r::toString);
  }
}
