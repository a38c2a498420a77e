package dev.stackscope.dns.transport;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS over TLS and HTTPS against a real Unbound on loopback (tls-port, https-port) with a
 * certificate openssl makes here; kdig (+tls, +https) is the oracle for the answers and for
 * refusing a certificate that names another host.
 */
class EncryptedDnsTest {
  private static LoopbackDaemons daemons;
  private static int dot;
  private static int doh;
  private static String cert;

  private static final List<String[]> QUESTIONS =
      List.of(
          new String[] {"www.enc.test", "A"},
          new String[] {"www.enc.test", "AAAA"},
          new String[] {"text.enc.test", "TXT"},
          new String[] {"alias.enc.test", "A"});

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require("unbound knot-dnsutils openssl", "unbound", "kdig", "openssl");
    daemons = new LoopbackDaemons();
    try {
      cert = daemons.certificate("dns", "DNS:dns.enc.test,IP:127.0.0.1").toString();
      dot = LoopbackDaemons.freePort();
      doh = LoopbackDaemons.freePort();
      Path dir = daemons.dir();
      String conf =
          "server:\n"
              + "  interface: 127.0.0.1@"
              + dot
              + "\n"
              + "  interface: 127.0.0.1@"
              + doh
              + "\n"
              + "  tls-port: "
              + dot
              + "\n"
              + "  https-port: "
              + doh
              + "\n"
              + "  tls-service-key: \""
              + dir.resolve("dns.key")
              + "\"\n"
              + "  tls-service-pem: \""
              + cert
              + "\"\n"
              + "  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
              + "  username: \"\"\n  chroot: \"\"\n  directory: \""
              + dir
              + "\"\n"
              + "  pidfile: \""
              + dir.resolve("unbound.pid")
              + "\"\n"
              + "  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
              + "  module-config: \"iterator\"\n"
              + "  local-zone: \"enc.test.\" static\n"
              + "  local-zone: \".\" static\n" // nothing else is looked up: no query leaves
              // loopback
              + "  local-data: \"www.enc.test. 300 IN A 192.0.2.1\"\n"
              + "  local-data: \"www.enc.test. 300 IN A 192.0.2.2\"\n"
              + "  local-data: \"www.enc.test. 300 IN AAAA 2001:db8::1\"\n"
              + "  local-data: 'text.enc.test. 300 IN TXT \"over tls\"'\n"
              + "  local-data: \"alias.enc.test. 300 IN CNAME www.enc.test.\"\n"
              + "remote-control:\n  control-enable: no\n";
      Path file = daemons.write("unbound.conf", conf);
      daemons.start("unbound", "unbound", "-d", "-c", file.toString());
      daemons.awaitTcp(dot);
      daemons.awaitTcp(doh);
    } catch (Exception | AssertionError e) {
      daemons.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    if (daemons != null) {
      daemons.close();
    }
  }

  private static String sorted(String lines) {
    return Arrays.stream(lines.strip().split("\n"))
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  private static String kdig(String... args) throws Exception {
    String[] cmd = new String[args.length + 5];
    cmd[0] = "kdig";
    cmd[1] = "+short";
    cmd[2] = "+time=3";
    cmd[3] = "+retry=0";
    cmd[4] = "+tls-ca=" + cert;
    System.arraycopy(args, 0, cmd, 5, args.length);
    return LoopbackDaemons.exec(Duration.ofSeconds(20), cmd);
  }

  private static String dotServer() {
    return "127.0.0.1:" + dot;
  }

  private static String dohUrl() {
    return "https://127.0.0.1:" + doh + "/dns-query";
  }

  @Test
  void dotAnswersEqualKdigsAndShowTheSession() throws Exception {
    for (String[] q : QUESTIONS) {
      String peer = kdig("@127.0.0.1", "-p", String.valueOf(dot), "+tls", q[0], q[1]);
      assertFalse(peer.isBlank(), "kdig answered nothing for " + q[0]);
      Result r =
          stackscope(
              "dns",
              "resolve",
              q[0],
              q[1],
              "--server",
              dotServer(),
              "--tls",
              "--cacert",
              cert,
              "--short");
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(sorted(peer), sorted(r.out()), q[0] + " " + q[1]);
    }
    Result r =
        stackscope(
            "dns",
            "resolve",
            "www.enc.test",
            "--server",
            dotServer(),
            "--tls",
            "--cacert",
            cert,
            "--json");
    assertEquals(0, r.exitCode(), r::toString);
    JsonNode first = r.json().get(0);
    JsonNode second = r.json().get(1);
    assertEquals("tls", first.get("protocol").asText());
    JsonNode tls = first.get("tls");
    assertTrue(tls.get("version").asText().startsWith("TLSv1."), r::toString);
    // "dot" is offered; Unbound 1.17 selects no ALPN on its tls-port
    assertTrue(tls.get("alpn").isNull() || tls.get("alpn").asText().equals("dot"), r::toString);
    assertTrue(tls.get("handshakeMs").asDouble() > 0, r::toString);
    assertTrue(tls.get("verified").asBoolean(), r::toString);
    assertTrue(tls.get("problem").isNull(), r::toString);
    assertFalse(tls.get("reused").asBoolean());
    // the AAAA query went over the connection the A query opened (RFC 7858 §3.4)
    assertTrue(second.get("tls").get("reused").asBoolean(), r::toString);
    assertTrue(second.get("tls").get("handshakeMs").isNull(), r::toString);
    Result text =
        stackscope(
            "dns",
            "resolve",
            "www.enc.test",
            "A",
            "--server",
            dotServer(),
            "--tls",
            "--cacert",
            cert);
    assertTrue(text.out().contains("TLS: TLSv1."), text.out());
    assertTrue(text.out().contains("certificate verified"), text.out());
  }

  @Test
  void dohPostAndGetAnswersEqualKdigs() throws Exception {
    for (String method : new String[] {"POST", "GET"}) {
      for (String[] q : QUESTIONS) {
        String peer =
            kdig(
                "@127.0.0.1",
                "-p",
                String.valueOf(doh),
                "+https=/dns-query",
                method.equals("GET") ? "+https-get" : "+tls",
                q[0],
                q[1]);
        assertFalse(peer.isBlank(), "kdig answered nothing for " + q[0]);
        Result r =
            method.equals("GET")
                ? stackscope(
                    "dns",
                    "resolve",
                    q[0],
                    q[1],
                    "--https",
                    dohUrl(),
                    "--get",
                    "--cacert",
                    cert,
                    "--short")
                : stackscope(
                    "dns", "resolve", q[0], q[1], "--https", dohUrl(), "--cacert", cert, "--short");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(sorted(peer), sorted(r.out()), method + " " + q[0] + " " + q[1]);
      }
      Result r =
          method.equals("GET")
              ? stackscope(
                  "dns",
                  "resolve",
                  "www.enc.test",
                  "--https",
                  dohUrl(),
                  "--get",
                  "--cacert",
                  cert,
                  "--json")
              : stackscope(
                  "dns",
                  "resolve",
                  "www.enc.test",
                  "--https",
                  dohUrl(),
                  "--cacert",
                  cert,
                  "--json");
      assertEquals(0, r.exitCode(), r::toString);
      JsonNode first = r.json().get(0);
      assertEquals("https", first.get("protocol").asText());
      JsonNode tls = first.get("tls");
      assertEquals(method, tls.get("method").asText());
      assertEquals(dohUrl(), tls.get("url").asText());
      assertEquals("h2", tls.get("alpn").asText(), "Unbound serves DoH over HTTP/2 only");
      assertTrue(tls.get("version").asText().startsWith("TLSv1."), r::toString);
      assertTrue(tls.get("handshakeMs").asDouble() > 0, r::toString);
      assertTrue(tls.get("verified").asBoolean(), r::toString);
      assertTrue(r.json().get(1).get("tls").get("reused").asBoolean(), "one HTTP/2 connection");
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedAsKdigRefusesIt() throws Exception {
    String peer =
        kdig("@127.0.0.1", "-p", String.valueOf(dot), "+tls-hostname=other.test", "www.enc.test");
    assertFalse(peer.contains("192.0.2.1"), "kdig refuses it too: " + peer);
    Result dotRefused =
        stackscope(
            "dns",
            "resolve",
            "www.enc.test",
            "A",
            "--server",
            dotServer(),
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "other.test",
            "--json");
    Result dohRefused =
        stackscope(
            "dns",
            "resolve",
            "www.enc.test",
            "A",
            "--https",
            dohUrl(),
            "--cacert",
            cert,
            "--tls-name",
            "other.test",
            "--json");
    for (Result r : List.of(dotRefused, dohRefused)) {
      assertEquals(1, r.exitCode(), r::toString);
      JsonNode res = r.json().get(0);
      assertTrue(res.get("rcode").isNull(), r::toString);
      assertEquals(0, res.get("answer").size());
      String error = res.get("attempts").get(0).get("error").asText();
      assertTrue(error.contains("does not verify for other.test: wrong host"), error);
    }
    // the name the certificate carries verifies
    Result named =
        stackscope(
            "dns",
            "resolve",
            "www.enc.test",
            "A",
            "--server",
            dotServer(),
            "--tls",
            "--cacert",
            cert,
            "--tls-name",
            "dns.enc.test",
            "--short");
    assertEquals(0, named.exitCode(), named::toString);
  }

  @Test
  void withoutItsCaTheSelfSignedCertificateIsRefusedAndInsecureGoesOn() {
    Result refused =
        stackscope(
            "dns", "resolve", "www.enc.test", "A", "--server", dotServer(), "--tls", "--json");
    assertEquals(1, refused.exitCode(), refused::toString);
    String error = refused.json().get(0).get("attempts").get(0).get("error").asText();
    assertTrue(error.contains("self-signed"), error);
    for (Result r :
        List.of(
            stackscope(
                "dns",
                "resolve",
                "www.enc.test",
                "A",
                "--server",
                dotServer(),
                "--tls",
                "--insecure",
                "--tls-name",
                "other.test",
                "--json"),
            stackscope(
                "dns", "resolve", "www.enc.test", "A", "--https", dohUrl(), "-k", "--json"))) {
      assertEquals(0, r.exitCode(), r::toString);
      JsonNode res = r.json().get(0);
      assertEquals(
          "192.0.2.1",
          res.get("answer").get(0).get("data").asText().replace("192.0.2.2", "192.0.2.1"));
      assertFalse(res.get("tls").get("verified").asBoolean(), r::toString);
      assertNotEquals("", res.get("tls").get("problem").asText());
    }
    Result text =
        stackscope("dns", "resolve", "www.enc.test", "A", "--https", dohUrl(), "--insecure");
    assertTrue(text.out().contains("certificate NOT verified: self-signed"), text.out());
  }

  @Test
  void badEncryptionOptionsAreUsageErrors() {
    Result both =
        stackscope("dns", "resolve", "x.test", "--tls", "--https", dohUrl(), "-s", "127.0.0.1");
    assertEquals(2, both.exitCode(), both::toString);
    assertTrue(both.err().contains("--tls and --https exclude each other"), both.err());
    Result http = stackscope("dns", "resolve", "x.test", "--https", "http://127.0.0.1/dns-query");
    assertEquals(2, http.exitCode(), http::toString);
    assertTrue(http.err().contains("expected https://HOST"), http.err());
    Result get = stackscope("dns", "resolve", "x.test", "--get", "-s", "127.0.0.1");
    assertEquals(2, get.exitCode(), get::toString);
    Result cacert =
        stackscope(
            "dns", "resolve", "x.test", "--tls", "-s", "127.0.0.1", "--cacert", "/nonexistent");
    assertEquals(2, cacert.exitCode(), cacert::toString);
    assertTrue(cacert.err().contains("--cacert"), cacert.err());
  }
}
