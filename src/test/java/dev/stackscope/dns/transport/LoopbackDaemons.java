package dev.stackscope.dns.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * DNS daemons (Unbound, NSD, named) for one test class on 127.0.0.1, each on ports free when asked:
 * a temporary directory for their configuration and logs, started in the foreground and stopped
 * (and the directory removed) on close.
 */
final class LoopbackDaemons implements AutoCloseable {
  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();

  LoopbackDaemons() throws IOException {
    dir = Files.createTempDirectory("stackscope-dnsenc");
  }

  Path dir() {
    return dir;
  }

  /** Skips the test (JUnit assumption) unless every tool is installed. */
  static void require(String packages, String... tools) {
    for (String tool : tools) {
      boolean found = false;
      for (String d :
          (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(":")) {
        found |= Files.isExecutable(Path.of(d, tool));
      }
      assumeTrue(found, tool + " absent: install " + packages + " (see .ci/run)");
    }
  }

  /** A port free for both TCP and UDP on 127.0.0.1 just now. */
  static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket t = new ServerSocket()) {
        t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = t.getLocalPort();
        try (DatagramSocket u =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          return port;
        } catch (IOException taken) {
          // UDP side in use: another
        }
      }
    }
    throw new IOException("no free port on 127.0.0.1");
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Runs {@code cmd} in the foreground, its output to {@code NAME.out}, until close. */
  void start(String name, String... cmd) throws IOException {
    start(name, List.of(), cmd);
  }

  void start(String name, List<String> env, String... cmd) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile());
    for (String e : env) {
      int eq = e.indexOf('=');
      pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    daemons.add(pb.start());
  }

  /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}. */
  void awaitTcp(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        for (Process d : daemons) {
          if (!d.isAlive()) {
            throw new IllegalStateException("a DNS daemon exited: " + logs());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nothing listens on port " + port + ": " + logs());
        }
        Thread.sleep(50);
      }
    }
  }

  String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".out")).toList()) {
        sb.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  /** Runs a tool to its end and returns its stdout and stderr. */
  static String exec(Duration timeout, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * A self-signed certificate (P-256) naming {@code sans} (openssl's subjectAltName syntax), its
   * key beside it: {@code NAME.pem} and {@code NAME.key}.
   */
  Path certificate(String name, String sans) throws Exception {
    Path cert = dir.resolve(name + ".pem");
    String out =
        exec(
            Duration.ofSeconds(30),
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            dir.resolve(name + ".key").toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=" + name,
            "-addext",
            "subjectAltName=" + sans);
    if (!Files.exists(cert)) {
      throw new IllegalStateException("openssl made no certificate: " + out);
    }
    return cert;
  }

  @Override
  public void close() {
    for (Process d : daemons) {
      d.destroy();
    }
    for (Process d : daemons) {
      try {
        if (!d.waitFor(5, TimeUnit.SECONDS)) {
          d.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    TempDirs.deleteQuietly(dir);
  }
}
