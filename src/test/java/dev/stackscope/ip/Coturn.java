package dev.stackscope.ip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn STUN server ({@code turnserver}, Debian package coturn) started by a test with its
 * own ports, log and database, optionally inside a network namespace; {@link #close()} stops it.
 */
final class Coturn implements AutoCloseable {
  final int port;
  final int altPort;
  final List<String> ips;
  private final Process process;
  private final Path dir;

  private Coturn(Process process, Path dir, List<String> ips, int port, int altPort) {
    this.process = process;
    this.dir = dir;
    this.ips = ips;
    this.port = port;
    this.altPort = altPort;
  }

  static boolean available() {
    return PythonIpaddressOracleTest.onPath("turnserver");
  }

  /**
   * Starts turnserver listening on {@code ips} (two give RFC 5780 OTHER-ADDRESS) on {@code port}
   * and {@code port + 1}; {@code prefix} runs it elsewhere (e.g. {@code ip netns exec NS}).
   */
  static Coturn start(List<String> prefix, List<String> ips, int port) throws IOException {
    Path dir = Files.createTempDirectory("stackscope-coturn");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            "turnserver",
            "-n",
            "--no-tls",
            "--no-dtls",
            "--no-cli",
            "--no-auth",
            "--log-file=stdout",
            "--simple-log",
            "--listening-port=" + port,
            "--alt-listening-port=" + (port + 1),
            "--min-port=" + (port + 2),
            "--max-port=" + (port + 20),
            "--pidfile=" + dir.resolve("turn.pid"),
            "--userdb=" + dir.resolve("turndb")));
    for (String ip : ips) {
      cmd.add("--listening-ip=" + ip);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("turn.log").toFile())
            .start();
    return new Coturn(p, dir, ips, port, port + 1);
  }

  /** A port P with P and P+1 free for UDP and TCP on the loopback addresses used. */
  static int freePortPair(List<String> ips) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p;
      try (DatagramSocket s =
          new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ips.get(0)), 0))) {
        p = s.getLocalPort();
      }
      if (p < 1024 || p > 65000) {
        continue;
      }
      if (allFree(ips, p) && allFree(ips, p + 1)) {
        return p;
      }
    }
    throw new IOException("no free port pair");
  }

  private static boolean allFree(List<String> ips, int port) {
    for (String ip : ips) {
      try (DatagramSocket u =
              new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
          ServerSocket t = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
        // both free
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** Waits until the server answers a Binding request on loopback (a few seconds at most). */
  void awaitStun(String ip) throws Exception {
    TransportAddress server = new TransportAddress(AddressParser.parse(ip), port);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("turnserver exited: " + log());
      }
      try (UdpStunTransport t = UdpStunTransport.towards(server)) {
        if (StunClient.of(t, Duration.ofMillis(300)).binding(server, false, false) != null) {
          return;
        }
      }
    }
    throw new IllegalStateException("turnserver did not answer on " + server + ": " + log());
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() {
    try {
      String s = Files.readString(dir.resolve("turn.log"));
      return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
