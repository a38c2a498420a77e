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
    List<String> full = new ArrayList<>(List.of("dns", "trace", "www.example.test"));
    full.addAll(List.of(args));
    full.addAll(
        List.of("--port", String.valueOf(hierarchy.port()), "--timeout", "5000", "-4", "--json"));
    return stackscope(full.toArray(String[]::new));
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
    Result overHttps =
        trace("--https", "https://127.0.0.1:" + doh + "/dns-query", "--cacert", cert);
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
