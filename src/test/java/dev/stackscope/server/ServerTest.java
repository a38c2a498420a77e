package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTest {
  /** The command line as the server sees it. */
  static final Runner RUNNER = new dev.stackscope.cli.ServedCommands();

  @TempDir Path tmp;

  @Test
  void aStoppedServerNeverRemovesTheSocketOfTheServerAfterIt() throws Exception {
    Path jar = Files.writeString(tmp.resolve("stackscope.jar"), "not really a jar");
    Path socket = tmp.resolve("0000cafe.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Server server =
        new Server(
            RUNNER,
            jar.toString(),
            socket,
            Map.of(),
            60_000,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread serving = serve(server, socket, log);
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

  /**
   * The retired server's socket file once outlived it (ServerIT.aRebuiltJarRetiresItsServer): a
   * request's thread stopped the server, the listener's close woke the accept loop, whose own
   * stop() returned at once, so run() returned and the JVM exited before the first stop() had
   * removed the socket. Here the first stop() is held inside (its log line blocks) while a
   * connection wakes the accept loop.
   */
  @Test
  void runDoesNotReturnWhileAnotherThreadIsStoppingTheServer() throws Exception {
    Path jar = Files.writeString(tmp.resolve("stackscope.jar"), "not really a jar");
    Path socket = tmp.resolve("0000f00d.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    java.util.concurrent.CountDownLatch inStop = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.io.OutputStream gate =
        new java.io.OutputStream() {
          @Override
          public void write(int b) {
            log.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            if (new String(b, off, len, StandardCharsets.UTF_8).contains("the jar changed")) {
              inStop.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            log.write(b, off, len);
          }
        };
    Server server =
        new Server(
            RUNNER,
            jar.toString(),
            socket,
            Map.of(),
            60_000,
            new PrintStream(gate, true, StandardCharsets.UTF_8));
    Thread serving = serve(server, socket, log);
    Thread stopper = new Thread(() -> server.stop("the jar changed"));
    stopper.start();
    try {
      assertTrue(inStop.await(30, TimeUnit.SECONDS), "stop() under way");
      SocketChannel.open(UnixDomainSocketAddress.of(socket)).close(); // wakes the accept loop
      serving.join(1_000);
      assertTrue(serving.isAlive(), "run() waits for the stop() under way to finish");
    } finally {
      release.countDown();
    }
    serving.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(serving.isAlive(), "run() returns once stopped");
    assertFalse(Files.exists(socket), "the socket is gone when run() returns");
  }

  @Test
  void aChangeOfTheSystemTimeZoneRetiresTheServer() throws Exception {
    Path jar = Files.writeString(tmp.resolve("stackscope.jar"), "not really a jar");
    Path zoneinfo = Files.createDirectories(tmp.resolve("zoneinfo"));
    Path utc = Files.writeString(zoneinfo.resolve("UTC"), "TZif utc");
    Path tokyo = Files.writeString(zoneinfo.resolve("Tokyo"), "TZif tokyo");
    Path localtime = Files.createSymbolicLink(tmp.resolve("localtime"), utc);
    Path socket = tmp.resolve("0000beef.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Server server =
        new Server(
            RUNNER,
            jar.toString(),
            socket,
            Map.of("LANG", "C.UTF-8"),
            60_000,
            new PrintStream(log, true, StandardCharsets.UTF_8),
            List.of(localtime));
    Thread serving = serve(server, socket, log);
    assertEquals("N not a served command", ask(socket, jar, "shell"));
    Files.delete(localtime);
    Files.createSymbolicLink(localtime, tokyo); // what timedatectl set-timezone does
    assertEquals("N the system time zone changed", ask(socket, jar, "ps"));
    serving.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(serving.isAlive(), "the server stops: the next run starts one with the new zone");
  }

  @Test
  void aClientOfAnotherProtocolVersionIsToldWhyAndGoesToAFreshJvm() throws Exception {
    Path jar = Files.writeString(tmp.resolve("stackscope.jar"), "not really a jar");
    Path socket = tmp.resolve("0000f00d.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Server server =
        new Server(
            RUNNER,
            jar.toString(),
            socket,
            Map.of(),
            60_000,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread serving = serve(server, socket, log);
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap("SSv4\0\0\0\0".getBytes(StandardCharsets.US_ASCII)));
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      assertEquals('N', (char) in.readByte());
      byte[] reason = new byte[in.readInt()];
      in.readFully(reason);
      assertEquals(
          "the client speaks protocol 4, this server 3",
          new String(reason, StandardCharsets.UTF_8));
    } finally {
      server.stop("test over");
      serving.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /**
   * Runs the server in a thread until it listens: it logs "listening" once bind() has returned,
   * whereas the socket file exists a moment before listen(2), when a connection is refused.
   */
  private static Thread serve(Server server, Path socket, ByteArrayOutputStream log)
      throws Exception {
    Thread serving =
        new Thread(
            () -> {
              try {
                server.run(false);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    serving.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!log.toString(StandardCharsets.UTF_8).contains("listening on " + socket)) {
      assertTrue(System.nanoTime() < deadline, "the server listens on " + socket + ": " + log);
      Thread.sleep(20);
    }
    return serving;
  }

  /** Sends a request as the C client does; returns the first reply frame as "TAG payload". */
  private static String ask(Path socket, Path jar, String... args) throws Exception {
    List<String> tagged =
        new ArrayList<>(
            List.of("J" + jar, "C/", "P" + ProcessHandle.current().pid(), "T0", "ELANG=C.UTF-8"));
    for (String a : args) {
      tagged.add("A" + a);
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(RequestTest.encode(tagged.toArray(String[]::new))));
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      char tag = (char) in.readByte();
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      if (tag == 'A') { // the request was read: the answer comes next
        tag = (char) in.readByte();
        payload = new byte[in.readInt()];
        in.readFully(payload);
      }
      return tag + " " + new String(payload, StandardCharsets.UTF_8);
    }
  }
}
