package dev.stackscope.http;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain --http with --cacert and --insecure (the http command's own declaration, shared): a real
 * nginx on loopback with a leaf made by openssl's CA, and one for another host.
 */
class ExplainHttpTrustTest {
  @TempDir static Path dir;
  private static Process nginx;
  private static int good;
  private static int otherHost;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/nginx")),
        "nginx is not installed (Debian package nginx-light): skipping");
    assumeTrue(ServerProcesses.exists("openssl"), "openssl is not installed: skipping");
    ServerProcesses.ca(dir);
    ServerProcesses.leaf(dir, "good", "localhost", "DNS:localhost,IP:127.0.0.1", "30", "ca");
    ServerProcesses.leaf(dir, "other", "other.test", "DNS:other.test", "30", "ca");
    good = ServerProcesses.freePort();
    otherHost = ServerProcesses.freePort();
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
          server { listen 127.0.0.1:%2$d ssl; ssl_certificate %1$s/good.pem; ssl_certificate_key %1$s/good.key; return 200 "ok\\n"; }
          server { listen 127.0.0.1:%3$d ssl; ssl_certificate %1$s/other.pem; ssl_certificate_key %1$s/other.key; return 200 "ok\\n"; }
        }
        """
            .formatted(dir, good, otherHost);
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), conf);
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
    ServerProcesses.awaitListening(nginx, good, dir.resolve("error.log"));
    ServerProcesses.awaitListening(nginx, otherHost, dir.resolve("error.log"));
  }

  @AfterAll
  static void stop() {
    if (nginx != null) {
      nginx.destroyForcibly();
    }
  }

  private static Result explain(int port, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of("explain", "https://127.0.0.1:" + port + "/", "--http", "--json"));
    args.addAll(java.util.List.of(more));
    return stackscope(args.toArray(String[]::new));
  }

  @Test
  void cacertTrustsTheTestCa() {
    Result without = explain(good);
    assertEquals(1, without.exitCode(), without::toString);
    JsonNode hop = without.json().get("http");
    assertFalse(hop.get("tls").get("verified").asBoolean(), without::toString);
    assertEquals("tls", hop.get("failure").get("step").asText(), without::toString);
    Result with = explain(good, "--cacert", dir.resolve("ca.pem").toString());
    assertEquals(0, with.exitCode(), with::toString);
    JsonNode ok = with.json().get("http");
    assertTrue(ok.get("tls").get("verified").asBoolean(), with::toString);
    assertEquals(200, ok.get("response").get("status").asInt(), with::toString);
  }

  @Test
  void insecureGoesOnWithTheVerdictShown() {
    String ca = dir.resolve("ca.pem").toString();
    Result refused = explain(otherHost, "--cacert", ca);
    assertEquals(1, refused.exitCode(), refused::toString);
    Result insecure = explain(otherHost, "--cacert", ca, "--insecure");
    assertEquals(0, insecure.exitCode(), insecure::toString);
    JsonNode hop = insecure.json().get("http");
    assertFalse(hop.get("tls").get("verified").asBoolean(), insecure::toString);
    assertEquals(200, hop.get("response").get("status").asInt(), insecure::toString);
    Result text = stackscope("explain", "https://127.0.0.1:" + otherHost + "/", "--http", "-k");
    assertTrue(text.out().contains("does not verify"), text.out());
  }

  @Test
  void theHttpCommandKeepsTheSameOptions() {
    Result r =
        stackscope(
            "http",
            "https://127.0.0.1:" + good + "/",
            "--cacert",
            dir.resolve("ca.pem").toString(),
            "--json");
    assertEquals(0, r.exitCode(), r::toString);
    Result k = stackscope("http", "https://127.0.0.1:" + otherHost + "/", "-k", "--json");
    assertEquals(0, k.exitCode(), k::toString);
  }

  @Test
  void badTrustOptionsAreUsageErrors() throws Exception {
    Result noHttp = stackscope("explain", "https://127.0.0.1:" + good + "/", "--insecure");
    assertEquals(2, noHttp.exitCode(), noHttp::toString);
    assertTrue(noHttp.err().contains("--insecure applies only with --http"), noHttp.err());
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    Result bad = explain(good, "--cacert", junk.toString());
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("--cacert"), bad.err());
    Result missing = explain(good, "--cacert", dir.resolve("none.pem").toString());
    assertEquals(2, missing.exitCode(), missing::toString);
  }
}
