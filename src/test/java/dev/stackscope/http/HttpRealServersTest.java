package dev.stackscope.http;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http} against a real nginx on loopback with certificates made by openssl in the test (a CA
 * and a leaf with SANs, an expired leaf, a leaf for another host, a self-signed one); curl and
 * openssl as oracles. Skips when nginx, openssl or curl is absent.
 */
class HttpRealServersTest {
  @TempDir static Path dir;
  static Process nginx;
  static int plain;
  static int good;
  static int expired;
  static int otherHost;
  static int selfSigned;
  static int backend;
  static int varnishPort = -1;
  static Process varnish;

  static void run(String... cmd) throws Exception {
    ServerProcesses.run(dir, cmd);
  }

  static String output(String... cmd) throws Exception {
    return ServerProcesses.output(dir, cmd);
  }

  @BeforeAll
  static void startNginx() throws Exception {
    String nginxPath = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : null;
    assumeTrue(nginxPath != null, "nginx is not installed (Debian package nginx-light): skipping");
    assumeTrue(ServerProcesses.exists("openssl"), "openssl is not installed: skipping");
    assumeTrue(ServerProcesses.exists("curl"), "curl is not installed: skipping");
    ServerProcesses.ca(dir);
    String sans = "DNS:example.test,DNS:www.example.test,DNS:localhost,IP:127.0.0.1";
    ServerProcesses.leaf(dir, "good", "example.test", sans, "30", "ca");
    ServerProcesses.leaf(dir, "expired", "example.test", sans, "-1", "ca");
    ServerProcesses.leaf(dir, "other", "other.test", "DNS:other.test", "30", "ca");
    ServerProcesses.leaf(dir, "self", "example.test", sans, "30", null);
    Path root = Files.createDirectories(dir.resolve("www"));
    Files.writeString(root.resolve("index.html"), "<p>hello</p>\n");
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/index.html"), "docs\n");
    plain = ServerProcesses.freePort();
    good = ServerProcesses.freePort();
    expired = ServerProcesses.freePort();
    otherHost = ServerProcesses.freePort();
    selfSigned = ServerProcesses.freePort();
    backend = ServerProcesses.freePort();
    String tls = "ssl_protocols TLSv1.2 TLSv1.3;\n";
    String conf =
        """
        daemon off;
        master_process off;
        error_log %1$s/error.log;
        pid %1$s/nginx.pid;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
          uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
          server {
            listen 127.0.0.1:%2$d;
            location / { return 301 https://$host:%3$d$request_uri; }
          }
          server {
            listen 127.0.0.1:%3$d ssl;
            ssl_certificate %1$s/good.pem; ssl_certificate_key %1$s/good.key; %7$s
            root %1$s/www;
            add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
            if ($host = example.test) { return 301 https://www.example.test:%3$d$request_uri; }
            location = /index.html { add_header Cache-Control "public, max-age=60"; add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always; }
            location = /private { add_header Set-Cookie "session=s3cr3tvalue; Path=/; HttpOnly"; add_header Cache-Control "private, no-store"; return 200 "mine\\n"; }
            location = /loop { return 302 /loop2; }
            location = /loop2 { return 302 /loop; }
          }
          server {
            listen 127.0.0.1:%8$d;
            location = /cached { add_header Cache-Control "max-age=60"; return 200 "cached\\n"; }
            location = /nostore { add_header Cache-Control "no-store"; return 200 "fresh\\n"; }
          }
          server { listen 127.0.0.1:%4$d ssl; ssl_certificate %1$s/expired.pem; ssl_certificate_key %1$s/expired.key; %7$s return 200 "x\\n"; }
          server { listen 127.0.0.1:%5$d ssl; ssl_certificate %1$s/other.pem; ssl_certificate_key %1$s/other.key; %7$s return 200 "x\\n"; }
          server { listen 127.0.0.1:%6$d ssl; ssl_certificate %1$s/self.pem; ssl_certificate_key %1$s/self.key; %7$s return 200 "x\\n"; }
        }
        """
            .formatted(dir, plain, good, expired, otherHost, selfSigned, tls, backend);
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), conf);
    nginx =
        new ProcessBuilder(
                nginxPath,
                "-e",
                dir + "/error.log",
                "-p",
                dir.toString(),
                "-c",
                dir + "/nginx.conf")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), selfSigned)) {
        break;
      } catch (IOException e) {
        assertTrue(
            nginx.isAlive(),
            () -> "nginx stopped: " + ServerProcesses.read(dir.resolve("error.log")));
        assertTrue(System.nanoTime() < until, "nginx did not listen within 20 s");
        Thread.sleep(50);
      }
    }
    startVarnish();
  }

  /** Varnish in front of nginx's plain server, when varnishd is installed (else the test skips). */
  static void startVarnish() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/varnishd"))) {
      return;
    }
    int port = ServerProcesses.freePort();
    varnish =
        new ProcessBuilder(
                "/usr/sbin/varnishd",
                "-F",
                "-j",
                "none",
                "-a",
                "127.0.0.1:" + port,
                "-b",
                "127.0.0.1:" + backend,
                "-n",
                dir.resolve("varnish").toString(),
                "-s",
                "malloc,16m")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("varnish.out").toFile())
            .start();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until && varnish.isAlive()) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        varnishPort = port;
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopNginx() {
    if (varnish != null) {
      varnish.destroyForcibly();
    }
    if (nginx != null) {
      nginx.destroyForcibly();
    }
  }

  static Result http(String... args) {
    List<String> a = new ArrayList<>(List.of("http"));
    a.addAll(List.of(args));
    a.add("--json");
    return stackscope(a.toArray(String[]::new));
  }

  static String resolve(String host, int port) {
    return host + ":" + port + ":127.0.0.1";
  }

  @Test
  void followsHttpToHttpsAndApexToWwwAndVerifiesWithTheCa() throws Exception {
    Result r =
        http(
            "http://example.test:" + plain + "/index.html",
            "--resolve",
            resolve("example.test", plain),
            "--resolve",
            resolve("example.test", good),
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode hops = r.json().get("hops");
    assertEquals(3, hops.size(), r.out());
    assertEquals(301, hops.get(0).at("/response/status").asInt());
    assertEquals("HTTPS_UPGRADE", kind(hops.get(0)));
    assertEquals(
        "https://example.test:" + good + "/index.html", hops.get(0).at("/redirect/to").asText());
    assertEquals("ADD_WWW", kind(hops.get(1)));
    JsonNode last = hops.get(2);
    assertEquals(200, last.at("/response/status").asInt());
    assertEquals("127.0.0.1:" + good, last.get("address").asText());
    JsonNode tls = last.get("tls");
    assertTrue(tls.get("verified").asBoolean(), tls.toString());
    assertTrue(tls.get("hostMatches").asBoolean());
    assertEquals("CN=example.test", tls.at("/chain/0/subject").asText());
    assertEquals("RSA", tls.at("/chain/0/keyType").asText());
    assertEquals(2048, tls.at("/chain/0/keyBits").asInt());
    assertEquals(31536000, last.at("/hsts/maxAgeSeconds").asLong());
    assertTrue(last.at("/hsts/includeSubDomains").asBoolean());
    // the cache verdict: public, max-age=60, with nginx's validators
    assertTrue(last.at("/cache/storable").asBoolean());
    assertEquals(60, last.at("/cache/freshnessSeconds").asLong());
    assertEquals("max-age", last.at("/cache/freshnessSource").asText());
    assertFalse(last.at("/cache/etag").isNull());
    // the phases sum to no more than the total
    JsonNode t = last.get("timing");
    double sum = 0;
    for (String f : List.of("dnsMs", "connectMs", "tlsMs", "sendMs", "waitMs", "transferMs")) {
      sum += t.get(f).isNull() ? 0 : t.get(f).asDouble();
    }
    assertTrue(sum <= t.get("totalMs").asDouble() + 0.01, t.toString());
    assertTrue(t.get("tlsMs").asDouble() > 0);
  }

  private static String kind(JsonNode hop) {
    // the enum's JSON form is its words; map back to the constant for a stable assertion
    String words = hop.at("/redirect/kind").asText();
    for (HttpResult.RedirectKind k : HttpResult.RedirectKind.values()) {
      if (k.toString().equals(words)) {
        return k.name();
      }
    }
    return words;
  }

  @Test
  void agreesWithCurlAndOpenssl() throws Exception {
    Result r =
        http(
            "https://www.example.test:" + good + "/index.html",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode last = r.json().get("hops").get(0);
    String curl =
        output(
            "curl",
            "-sS",
            "-o",
            "/dev/null",
            "-D",
            "-",
            "--cacert",
            dir + "/ca.pem",
            "--resolve",
            resolve("www.example.test", good),
            "https://www.example.test:" + good + "/index.html");
    Map<String, String> curlHeaders = new HashMap<>();
    String[] lines = curl.split("\r\n");
    assertTrue(lines[0].contains(" 200"), curl);
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        curlHeaders.put(
            lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip());
      }
    }
    for (JsonNode h : last.at("/response/headers")) {
      String name = h.get("name").asText().toLowerCase(Locale.ROOT);
      if (!name.equals("date") && !name.equals("connection")) { // we ask for Connection: close
        assertEquals(curlHeaders.get(name), h.get("value").asText(), name);
      }
    }
    assertEquals(
        Long.parseLong(curlHeaders.get("content-length")), last.at("/response/bodyBytes").asLong());
    String fp =
        output("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", dir + "/good.pem");
    assertEquals(
        fp.substring(fp.indexOf('=') + 1).strip(), last.at("/tls/chain/0/sha256").asText());
    String dates = output("openssl", "x509", "-noout", "-enddate", "-in", dir + "/good.pem");
    assertTrue(
        dates.contains(
            String.valueOf(
                java.time.Instant.parse(last.at("/tls/chain/0/notAfter").asText())
                    .atZone(java.time.ZoneOffset.UTC)
                    .getYear())),
        dates);
  }

  @Test
  void certificateVerdictsNameTheProblem() {
    Map<Integer, String> expected =
        Map.of(expired, "expired", otherHost, "wrong host", selfSigned, "self-signed");
    for (Map.Entry<Integer, String> e : expected.entrySet()) {
      Result r =
          http(
              "https://localhost:" + e.getKey() + "/",
              "--resolve",
              resolve("localhost", e.getKey()),
              "--cacert",
              dir + "/ca.pem");
      assertEquals(1, r.exitCode(), r.toString());
      JsonNode hop = r.json().get("hops").get(0);
      assertEquals("tls", hop.at("/failure/step").asText());
      assertEquals(e.getValue(), hop.at("/failure/tlsProblem").asText(), r.out());
      assertEquals(e.getValue(), hop.at("/tls/problem").asText());
      assertTrue(hop.get("response").isNull(), "no request is sent over an unverified connection");
      // --insecure goes on, and still says why the certificate does not verify
      Result k =
          http(
              "https://localhost:" + e.getKey() + "/",
              "--resolve",
              resolve("localhost", e.getKey()),
              "--cacert",
              dir + "/ca.pem",
              "--insecure");
      assertEquals(0, k.exitCode(), k.toString());
      assertEquals(200, k.json().at("/hops/0/response/status").asInt());
      assertEquals(e.getValue(), k.json().at("/hops/0/tls/problem").asText());
    }
    // without --cacert the test CA is unknown
    Result u = http("https://localhost:" + good + "/index.html");
    assertEquals("unknown issuer", u.json().at("/hops/0/tls/problem").asText(), u.out());
  }

  @Test
  void aMissingPageExitsOneAndCookiesAreMasked() {
    Result r =
        http(
            "https://www.example.test:" + good + "/nothing-here",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(1, r.exitCode());
    assertEquals(404, r.json().at("/hops/0/response/status").asInt());
    Result p =
        http(
            "https://www.example.test:" + good + "/private",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(0, p.exitCode(), p.toString());
    assertFalse(p.out().contains("s3cr3tvalue"), p.out());
    assertFalse(p.json().at("/hops/0/cache/storable").asBoolean());
    List<String> why = new ArrayList<>();
    p.json().at("/hops/0/cache/notStorableBecause").forEach(n -> why.add(n.asText()));
    assertEquals(List.of("no-store", "private"), why);
    Result revealed =
        stackscope(
            "http",
            "https://www.example.test:" + good + "/private",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem",
            "--json",
            "--reveal");
    assertTrue(revealed.out().contains("session=s3cr3tvalue"), revealed.out());
  }

  @Test
  void aRedirectLoopIsAnErrorThatNamesTheHop() {
    Result r =
        http(
            "https://www.example.test:" + good + "/loop",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(1, r.exitCode());
    assertEquals("redirect-loop", r.json().get("outcome").asText());
    assertEquals(2, r.json().get("hops").size());
    assertTrue(r.json().at("/hops/1/failure/message").asText().contains("hop 2"), r.out());
    Result few =
        http(
            "https://www.example.test:" + good + "/loop",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem",
            "--max-redirs",
            "0");
    assertEquals("too-many-redirects", few.json().get("outcome").asText());
    Result none =
        http(
            "https://www.example.test:" + good + "/loop",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem",
            "--no-follow");
    assertEquals(0, none.exitCode());
    assertEquals(302, none.json().at("/hops/0/response/status").asInt());
  }

  @Test
  void theTextViewDrawsTheWaterfall() {
    Result r =
        stackscope(
            "http",
            "https://www.example.test:" + good + "/index.html",
            "--resolve",
            resolve("www.example.test", good),
            "--cacert",
            dir + "/ca.pem");
    assertEquals(0, r.exitCode(), r.toString());
    for (String word :
        List.of("TLS handshake", "server processing", "total", "verified", "Caching")) {
      assertTrue(r.out().contains(word), word + " in\n" + r.out());
    }
  }

  @Test
  void varnishMissThenHitAndNoStoreNeverCached() {
    assumeTrue(
        varnishPort > 0,
        "varnishd is not installed (Debian package varnish) or did not start: skipping");
    String url = "http://127.0.0.1:" + varnishPort + "/cached?" + System.nanoTime();
    Result first = http(url);
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals("miss", first.json().at("/hops/0/cache/servedBy/0/result").asText(), first.out());
    assertEquals("Varnish", first.json().at("/hops/0/cache/servedBy/0/cache").asText());
    Result second = http(url);
    assertEquals("hit", second.json().at("/hops/0/cache/servedBy/0/result").asText(), second.out());
    assertTrue(second.json().at("/hops/0/cache/ageSeconds").isNumber());
    assertTrue(second.json().at("/hops/0/cache/via/0").asText().contains("varnish"), second.out());
    for (int i = 0; i < 2; i++) {
      Result n = http("http://127.0.0.1:" + varnishPort + "/nostore");
      assertEquals("miss", n.json().at("/hops/0/cache/servedBy/0/result").asText(), n.out());
      assertEquals("no-store", n.json().at("/hops/0/cache/notStorableBecause/0").asText());
    }
  }

  /** A server on loopback that answers each connection with {@code answer} (then stalls). */
  static ServerSocket fake(byte[] answer, boolean stall) throws IOException {
    ServerSocket ss = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[4096]);
                  OutputStream out = s.getOutputStream();
                  out.write(answer);
                  out.flush();
                  if (stall) {
                    Thread.sleep(5000);
                  }
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return ss;
  }

  @Test
  void aStallAndAHalfHeaderNameTheirSteps() throws Exception {
    try (ServerSocket stall = fake(new byte[0], true);
        ServerSocket half =
            fake("HTTP/1.1 200 OK\r\nContent-Ty".getBytes(StandardCharsets.US_ASCII), false)) {
      Result s = http("http://127.0.0.1:" + stall.getLocalPort() + "/", "--timeout", "300ms");
      assertEquals(1, s.exitCode());
      assertEquals("timeout", s.json().at("/hops/0/failure/step").asText(), s.out());
      Result h = http("http://127.0.0.1:" + half.getLocalPort() + "/");
      assertEquals(1, h.exitCode());
      assertEquals("protocol", h.json().at("/hops/0/failure/step").asText(), h.out());
    }
  }

  @Test
  void badInputIsAUsageError() {
    for (String[] args :
        List.of(
            new String[] {"ftp://x/"},
            new String[] {"http://x/", "-H", "no colon"},
            new String[] {"http://x/", "--resolve", "x:99999:127.0.0.1"},
            new String[] {"http://x/", "--resolve", "x:80:not-an-address"},
            new String[] {"http://x/", "--timeout", "forever"},
            new String[] {"http://x/", "--max-redirs", "99"},
            new String[] {"http://x/", "-X", "GE T"})) {
      List<String> a = new ArrayList<>(List.of("http"));
      a.addAll(List.of(args));
      Result r = CliRunner.stackscope(a.toArray(String[]::new));
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r);
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void responseHeadersFromTheServerAreSanitised() throws Exception {
    byte[] evil =
        ("HTTP/1.1 200 OK\r\nServer: evil\u001b]0;owned\u0007\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    try (ServerSocket s = fake(evil, false)) {
      Result r = stackscope("http", "http://127.0.0.1:" + s.getLocalPort() + "/");
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.out().contains("\u001b"), r.out());
      assertTrue(r.out().contains("evil"));
      assertNotNull(r.out());
    }
  }
}
