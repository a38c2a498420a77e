package dev.stackscope.http;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code http} through real intermediaries on loopback, each started once for the class: haproxy
 * terminating TLS with {@code alpn h2,http/1.1} (and an h2c listener) in front of nginx, with curl
 * as the oracle for HTTP/2; squid as a reverse proxy (accel) in front of the same nginx. Each part
 * skips when its server is absent.
 */
class HttpProxiesRealServersTest {
  static Path dir;
  static Process nginx;
  static Process haproxy;
  static Process squid;
  static int backend;
  static int h2;
  static int h2c;
  static int squidPort;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/nginx")),
        "nginx is not installed (Debian package nginx-light): skipping");
    assumeTrue(ServerProcesses.exists("openssl"), "openssl is not installed: skipping");
    assumeTrue(ServerProcesses.exists("curl"), "curl is not installed: skipping");
    dir = Files.createTempDirectory("stackscope-http-proxies");
    // squid drops to its own user: it must reach its log and pid files
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    ServerProcesses.ca(dir);
    ServerProcesses.leaf(
        dir, "leaf", "example.test", "DNS:example.test,DNS:localhost,IP:127.0.0.1", "30", "ca");
    Files.writeString(
        dir.resolve("combined.pem"),
        Files.readString(dir.resolve("leaf.pem")) + Files.readString(dir.resolve("leaf.key")));
    Path www = Files.createDirectories(dir.resolve("www"));
    Files.writeString(www.resolve("index.html"), "<p>hello</p>\n".repeat(3000));
    Files.createDirectories(dir.resolve("tmp"));
    backend = ServerProcesses.freePort();
    Files.writeString(
        dir.resolve("nginx.conf"),
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
            root %1$s/www;
            absolute_redirect off;
            location = /cached { add_header Cache-Control "max-age=60"; return 200 "cached\\n"; }
            location = /old { return 301 /index.html; }
          }
        }
        """
            .formatted(dir, backend));
    nginx =
        new ProcessBuilder(
                "/usr/sbin/nginx",
                "-e",
                dir + "/error.log",
                "-p",
                dir.toString(),
                "-c",
                dir + "/nginx.conf")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    ServerProcesses.awaitListening(nginx, backend, dir.resolve("error.log"));
    startHaproxy();
    startSquid();
  }

  static void startHaproxy() throws Exception {
    if (!ServerProcesses.exists("haproxy")) {
      return;
    }
    int tls = ServerProcesses.freePort();
    int clear = ServerProcesses.freePort();
    Files.writeString(
        dir.resolve("haproxy.cfg"),
        """
        global
          log stderr format raw local0 err
        defaults
          mode http
          timeout connect 5s
          timeout client 10s
          timeout server 10s
        frontend fe
          bind 127.0.0.1:%2$d ssl crt %1$s/combined.pem alpn h2,http/1.1
          bind 127.0.0.1:%3$d proto h2
          default_backend be
        backend be
          server nginx 127.0.0.1:%4$d
        """
            .formatted(dir, tls, clear, backend));
    haproxy =
        new ProcessBuilder("haproxy", "-db", "-f", dir + "/haproxy.cfg")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("haproxy.out").toFile())
            .start();
    ServerProcesses.awaitListening(haproxy, clear, dir.resolve("haproxy.out"));
    h2 = tls;
    h2c = clear;
  }

  static void startSquid() throws Exception {
    if (!ServerProcesses.exists("squid")) {
      return;
    }
    int port = ServerProcesses.freePort();
    Path conf = dir.resolve("squid.conf");
    Files.writeString(
        conf,
        """
        http_port 127.0.0.1:%2$d accel defaultsite=127.0.0.1 no-vhost
        cache_peer 127.0.0.1 parent %3$d 0 no-query originserver name=backend
        http_access allow all
        cache_peer_access backend allow all
        cache_mem 8 MB
        pid_filename %1$s/squid.pid
        access_log none
        cache_store_log none
        cache_log %1$s/squid.log
        coredump_dir %1$s
        netdb_filename none
        visible_hostname stackscope-test
        shutdown_lifetime 1 seconds
        """
            .formatted(dir, port, backend));
    ServerProcesses.run(dir, "squid", "-N", "-z", "-f", conf.toString());
    squid =
        new ProcessBuilder("squid", "-N", "-f", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("squid.out").toFile())
            .start();
    ServerProcesses.awaitListening(squid, port, dir.resolve("squid.log"));
    squidPort = port;
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {squid, haproxy, nginx}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  static Result http(String... args) {
    List<String> a = new ArrayList<>(List.of("http"));
    a.addAll(List.of(args));
    a.add("--json");
    return stackscope(a.toArray(String[]::new));
  }

  static String[] tlsArgs(String path, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "https://example.test:" + h2 + path,
                "--resolve",
                "example.test:" + h2 + ":127.0.0.1",
                "--cacert",
                dir + "/ca.pem"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  static void assertPhasesFitTheTotal(JsonNode hop) {
    JsonNode t = hop.get("timing");
    double sum = 0;
    for (String f : List.of("dnsMs", "connectMs", "tlsMs", "sendMs", "waitMs", "transferMs")) {
      sum += t.get(f).isNull() ? 0 : t.get(f).asDouble();
    }
    assertTrue(sum <= t.get("totalMs").asDouble() + 0.01, t.toString());
  }

  @Test
  void haproxyOffersH2AndTheResponseAgreesWithCurl() throws Exception {
    assumeTrue(h2 > 0, "haproxy is not installed (Debian package haproxy): skipping");
    Result r = http(tlsArgs("/index.html"));
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode hop = r.json().at("/hops/0");
    assertEquals("h2", hop.at("/tls/alpn").asText(), r.out());
    assertEquals("2", hop.at("/response/version").asText());
    assertEquals(200, hop.at("/response/status").asInt());
    assertTrue(hop.at("/response/bodyComplete").asBoolean());
    assertTrue(hop.at("/timing/waitMs").asDouble() > 0);
    assertTrue(hop.at("/timing/tlsMs").asDouble() > 0);
    assertPhasesFitTheTotal(hop);
    // the oracle: curl -sv --http2 speaks HTTP/2 to the same listener
    String curl =
        ServerProcesses.output(
            dir,
            "curl",
            "-sv",
            "--http2",
            "-o",
            "/dev/null",
            "-D",
            "-",
            "-w",
            "size=%{size_download}\n",
            "--cacert",
            dir + "/ca.pem",
            "--resolve",
            "example.test:" + h2 + ":127.0.0.1",
            "https://example.test:" + h2 + "/index.html");
    assertTrue(curl.contains("HTTP/2 200"), curl);
    Map<String, String> curlHeaders = new HashMap<>();
    for (String line : curl.split("\r?\n")) {
      int c = line.indexOf(':');
      if (c > 0 && !line.startsWith("*") && !line.startsWith("<") && !line.startsWith(">")) {
        curlHeaders.put(
            line.substring(0, c).toLowerCase(Locale.ROOT), line.substring(c + 1).strip());
      }
    }
    for (JsonNode h : hop.at("/response/headers")) {
      String name = h.get("name").asText();
      assertEquals(name.toLowerCase(Locale.ROOT), name, "HTTP/2 field names are lower case");
      if (!name.equals("date")) {
        assertEquals(curlHeaders.get(name), h.get("value").asText(), name + " in\n" + curl);
      }
    }
    String size = curl.substring(curl.indexOf("size=") + 5).strip();
    assertEquals(Long.parseLong(size), hop.at("/response/bodyBytes").asLong());
    assertEquals(
        Long.parseLong(curlHeaders.get("content-length")), hop.at("/response/bodyBytes").asLong());
  }

  @Test
  void http11ForcesTheOldProtocolAndRedirectsFollowOverH2() {
    assumeTrue(h2 > 0, "haproxy is not installed (Debian package haproxy): skipping");
    Result old = http(tlsArgs("/index.html", "--http1.1"));
    assertEquals(0, old.exitCode(), old.toString());
    assertEquals("http/1.1", old.json().at("/hops/0/tls/alpn").asText());
    assertEquals("1.1", old.json().at("/hops/0/response/version").asText());
    Result moved = http(tlsArgs("/old"));
    assertEquals(0, moved.exitCode(), moved.toString());
    JsonNode hops = moved.json().get("hops");
    assertEquals(2, hops.size(), moved.out());
    assertEquals(301, hops.get(0).at("/response/status").asInt());
    assertEquals("same host, other path", hops.get(0).at("/redirect/kind").asText());
    for (JsonNode hop : hops) {
      assertEquals("2", hop.at("/response/version").asText());
      assertPhasesFitTheTotal(hop);
    }
    assertEquals(200, hops.get(1).at("/response/status").asInt());
  }

  @Test
  void h2cWithPriorKnowledgeAndAnHttp1ServerAskedForH2() throws Exception {
    assumeTrue(h2c > 0, "haproxy is not installed (Debian package haproxy): skipping");
    Result r = http("http://127.0.0.1:" + h2c + "/index.html", "--http2");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("2", r.json().at("/hops/0/response/version").asText());
    String curl =
        ServerProcesses.output(
            dir,
            "curl",
            "-s",
            "--http2-prior-knowledge",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{size_download}",
            "http://127.0.0.1:" + h2c + "/index.html");
    assertEquals("2 " + r.json().at("/hops/0/response/bodyBytes").asLong(), curl.strip(), r.out());
    // nginx's plain listener speaks only HTTP/1.1: the protocol step says so
    Result no = http("http://127.0.0.1:" + backend + "/index.html", "--http2");
    assertEquals(1, no.exitCode());
    assertEquals("protocol", no.json().at("/hops/0/failure/step").asText());
    assertTrue(no.json().at("/hops/0/failure/message").asText().contains("HTTP/1.x"), no.out());
  }

  @Test
  void squidMissThenHitNamedFromViaAndXCache() {
    assumeTrue(squidPort > 0, "squid is not installed (Debian package squid): skipping");
    String url = "http://127.0.0.1:" + squidPort + "/cached?" + System.nanoTime();
    Result first = http(url);
    assertEquals(0, first.exitCode(), first.toString());
    JsonNode cache = first.json().at("/hops/0/cache");
    assertEquals("miss", cache.at("/servedBy/0/result").asText(), first.out());
    assertEquals("Squid stackscope-test", cache.at("/servedBy/0/cache").asText());
    assertEquals("X-Cache", cache.at("/servedBy/0/evidence").asText());
    assertTrue(cache.at("/via/0").asText().contains("(squid/"), first.out());
    Result second = http(url);
    JsonNode again = second.json().at("/hops/0/cache");
    assertEquals("hit", again.at("/servedBy/0/result").asText(), second.out());
    assertEquals("Squid stackscope-test", again.at("/servedBy/0/cache").asText());
    assertTrue(again.at("/ageSeconds").isNumber(), second.out());
  }
}
