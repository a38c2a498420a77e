package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What the http tests need to run real servers and oracles: ports, programs, certificates. */
final class ServerProcesses {
  private ServerProcesses() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private record Ran(int code, String out) {}

  private static Ran exec(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not end");
    return new Ran(p.exitValue(), out);
  }

  /** Runs {@code cmd} in {@code dir}; its output (stdout and stderr together). */
  static String output(Path dir, String... cmd) throws Exception {
    return exec(dir, cmd).out();
  }

  /** Runs {@code cmd} in {@code dir} and asserts that it succeeds. */
  static void run(Path dir, String... cmd) throws Exception {
    Ran r = exec(dir, cmd);
    assertEquals(0, r.code(), String.join(" ", cmd) + ": " + r.out());
  }

  static boolean exists(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /** Waits until {@code port} on loopback accepts, failing with {@code log} if the process ends. */
  static void awaitListening(Process p, int port, Path log) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        assertTrue(
            p.isAlive(), () -> p.info().command().orElse("a server") + " stopped: " + read(log));
        assertTrue(System.nanoTime() < until, "nothing listened on port " + port + " within 30 s");
        Thread.sleep(50);
      }
    }
  }

  /** A CA ({@code ca.pem}, {@code ca.key}) in {@code dir}. */
  static void ca(Path dir) throws Exception {
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=stackscope test CA",
        "-days",
        "30");
  }

  /** A leaf {@code name.pem}/{@code name.key} signed by {@code signer} (null: self-signed). */
  static void leaf(Path dir, String name, String cn, String sans, String days, String signer)
      throws Exception {
    run(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + cn);
    Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + sans + "\n");
    if (signer == null) {
      run(
          dir,
          "openssl",
          "x509",
          "-req",
          "-in",
          name + ".csr",
          "-signkey",
          name + ".key",
          "-out",
          name + ".pem",
          "-days",
          days,
          "-extfile",
          name + ".ext");
    } else {
      run(
          dir,
          "openssl",
          "x509",
          "-req",
          "-in",
          name + ".csr",
          "-CA",
          signer + ".pem",
          "-CAkey",
          signer + ".key",
          "-CAcreateserial",
          "-out",
          name + ".pem",
          "-days",
          days,
          "-extfile",
          name + ".ext");
    }
  }
}
