package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code stack --watch} when stdout is not a terminal: one frame per interval, as the view is. */
class StackWatchTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void eachFrameShowsTheStackAsTheOneShotViewDoes() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/redis-server")),
        "redis-server absent (Debian: redis-server)");
    int port = freePort();
    try (Spawned redis =
        Spawned.shell(
            "exec /usr/bin/redis-server --port "
                + port
                + " --bind 127.0.0.1 --save '' --daemonize no")) {
      Spawned.await(() -> listening(port), "redis-server listening on " + port);
      CliRunner.Result text = CliRunner.stackscope("stack", "--watch=0.1", "--count", "2");
      assertTrue(text.exitCode() == 0 || text.exitCode() == 3, text.toString());
      String[] frames = text.out().split("(?m)^Every 0\\.1s: stackscope stack", -1);
      assertEquals(3, frames.length, "two frames: " + text.out());
      for (int i = 1; i < frames.length; i++) {
        assertTrue(frames[i].contains("redis-server"), frames[i]);
        assertTrue(
            frames[i].matches("(?s).*listens 127\\.0\\.0\\.1:" + port + " +loopback only.*"),
            frames[i]);
      }

      CliRunner.Result json =
          CliRunner.stackscope("--json", "stack", "--watch=0.1", "--count", "2");
      String[] lines = json.out().strip().split("\n");
      assertEquals(2, lines.length, json.out());
      for (JsonNode frame : json.jsonDocuments()) {
        assertTrue(frame.get("components").isArray(), json::toString);
        assertTrue(
            frame.findValues("port").stream().anyMatch(p -> p.asInt() == port), json::toString);
      }
    }
  }

  @Test
  void watchTakesNoPicture() {
    CliRunner.Result r = CliRunner.stackscope("stack", "--watch", "--format", "dot");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--watch shows the text or JSON view"), r.err());
    CliRunner.Result c = CliRunner.stackscope("stack", "--count", "2");
    assertEquals(2, c.exitCode(), c.toString());
    assertTrue(c.err().contains("--count needs --watch"), c.err());
  }
}
