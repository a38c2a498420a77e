package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTest {
  @TempDir Path tmp;

  @Test
  void aStoppedServerNeverRemovesTheSocketOfTheServerAfterIt() throws Exception {
    Path jar = Files.writeString(tmp.resolve("stackscope.jar"), "not really a jar");
    Path socket = tmp.resolve("0000cafe.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Server server =
        new Server(jar.toString(), socket, Map.of(), 60_000, new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread serving = new Thread(() -> {
      try {
        server.run(false);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    serving.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(socket)) {
      assertTrue(System.nanoTime() < deadline, "the server binds " + socket);
      Thread.sleep(20);
    }
    server.stop("idle");
    serving.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(serving.isAlive(), "run() returns once stopped");
    assertFalse(Files.exists(socket), "its own socket is removed");

    // The next server (it took the lock this one released) binds the same path; this JVM's
    // shutdown hook then calls stop() again on its way out.
    Files.writeString(socket, "the next server's socket");
    server.stop("terminated");
    assertTrue(Files.exists(socket), "a second stop() leaves the next server's socket alone");
  }
}
