package dev.stackscope.dns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link TestHierarchy} served by real NSD instances (one per address) with a real Unbound
 * resolving from the private root, all inside a network namespace the test creates and deletes:
 * Unbound only queries port 53, and a namespace has its own port 53 on 127.53.0.x.
 */
public final class RealHierarchy implements AutoCloseable {
  public static final String RESOLVER = "127.53.0.53";

  private final String netns = "ss-dns-" + ThreadLocalRandom.current().nextInt(1_000_000);
  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private boolean created;
  private ZoneText zones;
  private String validation;

  /** Skips (JUnit assumption) unless root, ip, nsd, unbound and dig are all there. */
  public static RealHierarchy start() throws Exception {
    return start((origin, file, text) -> text, null);
  }

  /** Rewrites a zone's text before NSD serves it (e.g. signs it). */
  public interface ZoneText {
    String apply(String origin, String file, String text) throws Exception;
  }

  /**
   * @param zones applied to every zone file before it is served
   * @param validation Unbound server lines that turn on its validator (e.g. a trust-anchor-file);
   *     null: Unbound only iterates
   */
  public static RealHierarchy start(ZoneText zones, String validation) throws Exception {
    assumeTrue(isRoot(), "not root: a network namespace is needed for NSD and Unbound on port 53");
    for (String tool : new String[] {"ip", "nsd", "unbound", "dig"}) {
      assumeTrue(
          onPath(tool), tool + " absent: install nsd, unbound, bind9-dnsutils (see .ci/run)");
    }
    RealHierarchy h = new RealHierarchy();
    h.zones = zones;
    h.validation = validation;
    try {
      h.boot();
    } catch (Exception | AssertionError e) {
      h.close();
      throw e;
    }
    return h;
  }

  private RealHierarchy() throws IOException {
    dir = Files.createTempDirectory("stackscope-nsd");
  }

  public Path dir() {
    return dir;
  }

  public Path rootHints() throws IOException {
    return TestHierarchy.writeRootHints(dir);
  }

  private void boot() throws Exception {
    exec(Duration.ofSeconds(10), "ip", "netns", "add", netns);
    created = true;
    inside(Duration.ofSeconds(10), "ip", "link", "set", "lo", "up");
    for (TestHierarchy.Server s : TestHierarchy.SERVERS) {
      if (s.zones().isEmpty()) {
        continue; // the silent server: nothing listens, queries go unanswered
      }
      StringBuilder conf = new StringBuilder();
      String id = "nsd" + s.host();
      conf.append("server:\n")
          .append("  ip-address: ")
          .append(s.address().getHostAddress())
          .append("\n")
          .append("  port: 53\n  do-ip6: no\n  server-count: 1\n  username: \"\"\n  chroot: \"\"\n")
          .append("  zonesdir: \"")
          .append(dir)
          .append("\"\n")
          .append("  database: \"\"\n")
          .append("  pidfile: \"")
          .append(dir.resolve(id + ".pid"))
          .append("\"\n")
          .append("  xfrdfile: \"")
          .append(dir.resolve(id + ".xfrd"))
          .append("\"\n")
          .append("  zonelistfile: \"")
          .append(dir.resolve(id + ".zonelist"))
          .append("\"\n")
          .append("  logfile: \"")
          .append(dir.resolve(id + ".log"))
          .append("\"\n")
          .append("  verbosity: 1\n  hide-version: yes\n")
          .append("remote-control:\n  control-enable: no\n");
      for (TestHierarchy.ZoneFile z : s.zones()) {
        String file = s.host() + "-" + z.file();
        Files.writeString(
            dir.resolve(file), zones.apply(z.origin(), z.file(), TestHierarchy.zoneText(z.file())));
        conf.append("zone:\n  name: \"")
            .append(z.origin())
            .append("\"\n  zonefile: \"")
            .append(file)
            .append("\"\n");
      }
      Path confFile = Files.writeString(dir.resolve(id + ".conf"), conf.toString());
      daemons.add(daemon(dir.resolve(id + ".out"), "nsd", "-d", "-c", confFile.toString()));
    }
    Path hints = rootHints();
    String unbound =
        "server:\n"
            + "  interface: "
            + RESOLVER
            + "\n  port: 53\n  do-ip6: no\n"
            + "  access-control: 127.0.0.0/8 allow\n"
            + "  username: \"\"\n  chroot: \"\"\n  directory: \""
            + dir
            + "\"\n"
            + "  pidfile: \""
            + dir.resolve("unbound.pid")
            + "\"\n"
            + "  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
            + "  root-hints: \""
            + hints
            + "\"\n"
            + "  do-not-query-localhost: no\n"
            + (validation == null
                ? "  module-config: \"iterator\"\n"
                : "  module-config: \"validator iterator\"\n" + validation)
            + "  local-zone: \"test.\" nodefault\n"
            + "  qname-minimisation: no\n"
            + "remote-control:\n  control-enable: no\n";
    Path unboundConf = Files.writeString(dir.resolve("unbound.conf"), unbound);
    daemons.add(daemon(dir.resolve("unbound.out"), "unbound", "-d", "-c", unboundConf.toString()));
    waitUntilServing();
  }

  private void waitUntilServing() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<String> probes = new ArrayList<>();
    for (TestHierarchy.Server s : TestHierarchy.SERVERS) {
      if (!s.zones().isEmpty()) {
        probes.add(s.address().getHostAddress() + " " + s.zones().get(0).origin());
      }
    }
    probes.add(RESOLVER + " .");
    for (String probe : probes) {
      String[] p = probe.split(" ");
      while (true) {
        String out =
            inside(
                Duration.ofSeconds(5),
                "dig",
                "+short",
                "+time=1",
                "+tries=1",
                "@" + p[0],
                p[1],
                "SOA");
        if (!out.isBlank() && !out.contains("timed out") && !out.contains("connection refused")) {
          break;
        }
        for (Process d : daemons) {
          if (!d.isAlive()) {
            throw new IllegalStateException("a DNS daemon exited: " + logs());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(p[0] + " did not start serving: " + logs());
        }
        Thread.sleep(100);
      }
    }
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log"))
              .toList()) {
        sb.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private Process daemon(Path log, String... cmd) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    full.addAll(List.of(cmd));
    return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs a command inside the namespace and returns its stdout (stderr appended). */
  public String inside(Duration timeout, String... cmd) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    full.addAll(List.of(cmd));
    return exec(timeout, full.toArray(String[]::new));
  }

  /** Runs stackscope's Main inside the namespace with the test class path. */
  public CliRunner.Result stackscope(String... args) {
    return CliRunner.java(
        Path.of("."),
        List.of("ip", "netns", "exec", netns),
        System.getProperty("java.class.path"),
        args);
  }

  private static String exec(Duration timeout, String... cmd)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean isRoot() {
    try {
      return exec(Duration.ofSeconds(5), "id", "-u").trim().equals("0");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    for (String d : new String[] {"/usr/sbin", "/sbin"}) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
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
    if (created) {
      try {
        exec(Duration.ofSeconds(10), "ip", "netns", "del", netns);
      } catch (IOException | InterruptedException e) {
        // best effort; the name is random so a leftover does not collide
      }
    }
    TempDirs.deleteQuietly(dir);
  }
}
