package dev.stackscope.cli.url;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stackscope.testing.CliRunner.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The confusable-name warning where a user meets a name other than in {@code url}: explain's target
 * and a redirect that http follows. Everything on loopback: the names resolve through a hosts file
 * or {@code --resolve}, never through a DNS server.
 */
class ConfusableWarningsTest {
  /**
   * "аррӏе" in Cyrillic (the example label): whole-script confusable with Latin "apple".
   */
  private static final String LOOKALIKE = "xn--80ak6aa92e.test";

  @Test
  void explainWarnsAboutItsTarget(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 " + LOOKALIKE + "\n127.0.0.1 plain.test\n");
    Result bad = stackscope("explain", LOOKALIKE + ":9", "--hosts-file", hosts.toString());
    assertTrue(bad.out().contains("confusable"), bad.toString());
    Result fine = stackscope("explain", "plain.test:9", "--hosts-file", hosts.toString());
    assertFalse(fine.out().contains("confusable"), fine.toString());
  }

  @Test
  void httpWarnsAboutARedirectTarget() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    int port = server.getAddress().getPort();
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
          if (exchange.getRequestURI().getPath().equals("/start")) {
            exchange.getResponseHeaders().add("Location", "http://" + LOOKALIKE + ":" + port + "/");
            exchange.sendResponseHeaders(302, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      Result r =
          stackscope(
              "http",
              "http://127.0.0.1:" + port + "/start",
              "--resolve",
              LOOKALIKE + ":" + port + ":127.0.0.1");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(
          r.out().lines().anyMatch(l -> l.contains("confusable") && l.contains("Cyrillic")),
          r.toString());
    } finally {
      server.stop(0);
    }
  }
}
