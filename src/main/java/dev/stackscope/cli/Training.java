package dev.stackscope.cli;

import dev.stackscope.host.Host;
import dev.stackscope.output.TerminalInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The class-data-sharing training run: the launcher runs this once per JDK (detached, output
 * discarded) with {@code -Dstackscope.train}, and the JDK archives every class it loaded, so later
 * runs of these commands load their classes from the archive. Every command line here is offline:
 * the DNS ones ask a server on 127.0.0.1 port 9, where nothing listens, with a short timeout.
 */
public final class Training {
  private Training() {}

  public static int run() throws IOException {
    Path hints = hints();
    try (TlsTrainingServer tls = tlsServer()) {
      List<String[]> lines = new java.util.ArrayList<>(lines(hints));
      if (tls != null) {
        lines.addAll(tls.lines());
      }
      runAll(lines, Host::live);
      return 0;
    } finally {
      Files.deleteIfExists(hints);
    }
  }

  /**
   * The loopback server for the DNS over TLS and HTTPS lines, or null when it cannot start (then
   * those lines are left out: the warm-up is best effort).
   */
  private static TlsTrainingServer tlsServer() {
    try {
      return TlsTrainingServer.start();
    } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Warms the JIT of the warm server ({@code dev.stackscope.server}): {@code rounds} passes over
   * every command line here whose command is in {@code served} (the server's own list), then more
   * passes over the quick ones (tree, ps, proc, ports) until {@code budget} has passed or they have
   * run {@code QUICK_ROUNDS} times. The JIT's optimising compiler needs thousands of calls of a
   * method: measured in one JVM, `ports` takes ~20 ms at its 10th run, ~10 ms at its 100th and ~5
   * ms from its 200th on. Then, when dns is served, {@code TLS_ROUNDS} passes over DNS over TLS and
   * HTTPS runs against a loopback server of the warm-up's own ({@link TlsTrainingServer}). Warming
   * is best effort: failures are ignored, and {@code stop} ends it early. Each command line runs on
   * a host from {@code hosts}, as a served run does (netlink on where the server has it).
   */
  public static void warmUp(
      java.util.Set<String> served,
      int rounds,
      java.time.Duration budget,
      java.util.function.BooleanSupplier stop,
      Supplier<Host> hosts) {
    long deadline = System.nanoTime() + budget.toNanos();
    try {
      Path hints = hints();
      try (TlsTrainingServer tls = served.contains("dns") ? tlsServer() : null) {
        List<String[]> servedLines = new java.util.ArrayList<>();
        List<String[]> quick = new java.util.ArrayList<>();
        for (String[] line : lines(hints)) {
          if (served.contains(line[0])) {
            servedLines.add(line);
          }
          if (QUICK.contains(line[0])) {
            quick.add(line);
          }
        }
        List<String[]> encrypted = tls == null ? List.of() : tls.lines();
        servedLines.addAll(encrypted);
        for (int i = 0; i < rounds && !stop.getAsBoolean(); i++) {
          runAll(servedLines, hosts);
        }
        for (int i = 0;
            i < QUICK_ROUNDS && System.nanoTime() < deadline && !stop.getAsBoolean();
            i++) {
          runAll(quick, hosts);
        }
        // The handshakes' elliptic-curve and TLS code needs more runs than the rounds above give it
        // before the optimising compiler takes it (bench/README.md: "DNS over TLS and HTTPS"): a
        // budget of its own, so that the quick commands keep theirs.
        long tlsDeadline = System.nanoTime() + TLS_BUDGET.toNanos();
        for (int i = 0;
            i < TLS_ROUNDS && System.nanoTime() < tlsDeadline && !stop.getAsBoolean();
            i++) {
          runAll(encrypted, hosts);
        }
      } finally {
        Files.deleteIfExists(hints);
      }
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }

  private static final int QUICK_ROUNDS = 200;

  /**
   * Passes over the DNS over TLS and HTTPS lines after the quick rounds, within {@link
   * #TLS_BUDGET}: measured in one JVM, 30 of them (~7 s of CPU) halve the CPU time of the next 30
   * DoT runs against Unbound, and take DoH's from 85 to 46 ms a run (bench/README.md).
   */
  static final int TLS_ROUNDS = 30;

  static final java.time.Duration TLS_BUDGET = java.time.Duration.ofSeconds(4);

  private static final java.util.Set<String> QUICK =
      java.util.Set.of("tree", "ps", "proc", "ports");

  static Path hints() throws IOException {
    Path hints = Files.createTempFile("stackscope-train", ".hints");
    // The warm server's warm-up runs in a daemon thread: a server that exits meanwhile (a rebuilt
    // jar, kill) never reaches the finally that deletes it.
    hints.toFile().deleteOnExit();
    Files.writeString(hints, ". 3600000 NS a.root.train.\na.root.train. 3600000 A 127.0.0.1\n");
    return hints;
  }

  static List<String[]> lines(Path hints) {
    long self = ProcessHandle.current().pid();
    return List.of(
        new String[] {"--help"},
        new String[] {"tree", "-p"},
        new String[] {"tree", "-a", "--json"},
        new String[] {"ps", "--interval", "0", "--top", "3"},
        new String[] {"proc", Long.toString(self)},
        new String[] {"ports"},
        new String[] {"ports", "-a"},
        new String[] {"ports", "--json"},
        new String[] {"ifaces"},
        new String[] {"url", "https://user:pw@www.example.co.uk:8080/a/b?q=1&q=2#f"},
        new String[] {"url", "--json", "http://bücher.example/", "postgres://db.example.com/x"},
        new String[] {"ip", "10.0.0.1", "::ffff:127.0.0.1", "192.168.0.0/16", "10.0.0.1-10.0.0.9"},
        new String[] {"nat"},
        new String[] {"stack"},
        new String[] {"stack", "--format", "dot"},
        new String[] {"explain", "http://127.0.0.1:9/"},
        new String[] {"http", "http://127.0.0.1:9/", "--json"},
        new String[] {
          "dns",
          "trace",
          "www.example.train",
          "--root-hints",
          hints.toString(),
          "--port",
          "9",
          "--timeout",
          "50",
          "--tries",
          "1"
        },
        new String[] {
          "dns", "resolve", "example.train", "--server", "127.0.0.1:9", "--timeout", "50"
        },
        new String[] {"no-such-command"});
  }

  private static void runAll(List<String[]> lines, Supplier<Host> hosts) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    for (String[] line : lines) {
      try {
        Cli.run(
            line,
            sink,
            sink,
            TerminalInfo.pipe(Map.of("LANG", "C.UTF-8")),
            Invocation.current(InputStream.nullInputStream()),
            hosts.get());
      } catch (RuntimeException e) {
        // a command that cannot run here still loaded most of its classes
      }
    }
  }
}
