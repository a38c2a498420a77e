package dev.stackscope.dns.check;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private DNS tree with deliberate faults, served by real NSD instances on 127.54.0.x (and ::1)
 * on one random high port, signed by ldns-signzone. No network namespace: every address is
 * loopback.
 *
 * <pre>
 *   .1  root          → test. (.2)
 *   .2  test.         → the zones below, with glue and DS
 *   X   (.11 .12 ::1 .21 .31 .41-.43 .51-.53 .61 .71 .81) serves:
 *       good.test      signed, DS matches, 30 days left — clean
 *       serial.test    serial 10 (.21)          .22 serves serial 9 (another NSD)
 *       lame.test      ns1 .31; ns2 → .2 (answers with a referral: no AA); ns3 → .33 (REFUSED)
 *       mismatch.test  parent NS ns1 ns2; the zone says ns1 ns3
 *       glue.test      parent glue ns1 = .51; the zone says ns1 = .53
 *       udponly.test   ns2 = .62: a UDP relay to .61, nothing on TCP
 *       expiring.test  signatures expire in 3 days and an hour (ldns-signzone -e)
 *       badds.test     signed; the parent's DS is of another key
 *       silent.test    ns2 = .91: nothing listens
 * </pre>
 */
final class CheckHierarchy implements AutoCloseable {
  static final String P = "127.54.0.";

  private static final List<String> X_ADDRESSES =
      List.of(
          P + "11", P + "12", "::1", P + "21", P + "31", P + "41", P + "42", P + "43", P + "51",
          P + "52", P + "53", P + "61", P + "71", P + "81");

  private final Path dir;
  final int port;
  private final List<Process> daemons = new ArrayList<>();
  private UdpRelay relay;

  private CheckHierarchy(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Skips (JUnit assumption) unless root, nsd, ldns-keygen and ldns-signzone are there. */
  static CheckHierarchy start() throws Exception {
    assumeTrue(
        exec(Duration.ofSeconds(5), "id", "-u").trim().equals("0"),
        "not root: NSD is started as root with username \"\"");
    for (String tool : new String[] {"nsd", "ldns-keygen", "ldns-signzone"}) {
      assumeTrue(onPath(tool), tool + " absent: install nsd and ldnsutils (see .ci/run)");
    }
    CheckHierarchy h =
        new CheckHierarchy(Files.createTempDirectory("stackscope-check"), freePort());
    try {
      h.boot();
    } catch (Exception | AssertionError e) {
      h.close();
      throw e;
    }
    return h;
  }

  Path rootHints() throws IOException {
    return Files.writeString(
        dir.resolve("root.hints"), ".  3600000  NS  a.root.\na.root.  3600000  A  " + P + "1\n");
  }

  private void boot() throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String z : List.of("good.test", "expiring.test", "badds.test", "unused.badds.test")) {
      keys.put(
          z,
          exec(
                  Duration.ofSeconds(30),
                  dir,
                  "ldns-keygen",
                  "-a",
                  "ECDSAP256SHA256",
                  "-k",
                  "-r",
                  "/dev/urandom",
                  z)
              .trim());
    }
    Instant now = Instant.now();
    String good =
        sign(
            "good.test",
            child("good.test", 1, "ns1 " + P + "11", "ns1 ::1", "ns2 " + P + "12"),
            keys.get("good.test"),
            now.plus(Duration.ofDays(30)));
    String expiring =
        sign(
            "expiring.test",
            child("expiring.test", 1, "ns1 " + P + "71"),
            keys.get("expiring.test"),
            now.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
    String badds =
        sign(
            "badds.test",
            child("badds.test", 1, "ns1 " + P + "81"),
            keys.get("badds.test"),
            now.plus(Duration.ofDays(30)));
    StringBuilder test =
        new StringBuilder("$TTL 86400\n")
            .append("test. SOA ns.test. h.test. 1 3600 600 86400 3600\n")
            .append("test. NS ns.test.\nns.test. A ")
            .append(P)
            .append("2\n");
    delegate(test, "good.test", "ns1 " + P + "11", "ns1 ::1", "ns2 " + P + "12");
    test.append(Files.readString(dir.resolve(keys.get("good.test") + ".ds"))).append("\n");
    delegate(test, "serial.test", "ns1 " + P + "21", "ns2 " + P + "22");
    delegate(test, "lame.test", "ns1 " + P + "31", "ns2 " + P + "2", "ns3 " + P + "33");
    delegate(test, "mismatch.test", "ns1 " + P + "41", "ns2 " + P + "42");
    delegate(test, "glue.test", "ns1 " + P + "51", "ns2 " + P + "52");
    delegate(test, "udponly.test", "ns1 " + P + "61", "ns2 " + P + "62");
    delegate(test, "expiring.test", "ns1 " + P + "71");
    test.append(Files.readString(dir.resolve(keys.get("expiring.test") + ".ds"))).append("\n");
    delegate(test, "badds.test", "ns1 " + P + "81");
    test.append(
            Files.readString(dir.resolve(keys.get("unused.badds.test") + ".ds"))
                .replace("unused.badds.test.", "badds.test."))
        .append("\n");
    delegate(test, "silent.test", "ns1 " + P + "71", "ns2 " + P + "91");
    String root =
        "$TTL 86400\n. SOA a.root. h.root. 1 3600 600 86400 3600\n. NS a.root.\na.root. A "
            + P
            + "1\ntest. NS ns.test.\nns.test. A "
            + P
            + "2\n";
    nsd("root", List.of(P + "1"), Map.of(".", root));
    nsd("test", List.of(P + "2"), Map.of("test.", test.toString()));
    Map<String, String> x = new LinkedHashMap<>();
    x.put("good.test.", good);
    x.put("serial.test.", child("serial.test", 10, "ns1 " + P + "21", "ns2 " + P + "22"));
    x.put(
        "lame.test.",
        child("lame.test", 1, "ns1 " + P + "31", "ns2 " + P + "2", "ns3 " + P + "33"));
    x.put("mismatch.test.", child("mismatch.test", 1, "ns1 " + P + "41", "ns3 " + P + "43"));
    x.put("glue.test.", child("glue.test", 1, "ns1 " + P + "53", "ns2 " + P + "52"));
    x.put("udponly.test.", child("udponly.test", 1, "ns1 " + P + "61", "ns2 " + P + "62"));
    x.put("expiring.test.", expiring);
    x.put("badds.test.", badds);
    x.put("silent.test.", child("silent.test", 1, "ns1 " + P + "71", "ns2 " + P + "91"));
    nsd("x", X_ADDRESSES, x);
    nsd(
        "older",
        List.of(P + "22"),
        Map.of("serial.test.", child("serial.test", 9, "ns1 " + P + "21", "ns2 " + P + "22")));
    nsd(
        "other",
        List.of(P + "33"),
        Map.of(
            "other.",
            "$TTL 3600\nother. SOA ns.other. h.other. 1 3600 600 86400 3600\n"
                + "other. NS ns.other.\nns.other. A "
                + P
                + "33\n"));
    relay =
        new UdpRelay(
            new InetSocketAddress(InetAddress.getByName(P + "62"), port),
            new InetSocketAddress(InetAddress.getByName(P + "61"), port),
            0);
    waitUntilServing(List.of(P + "1", P + "2", P + "11", "::1", P + "22", P + "33"));
  }

  /** A child zone: SOA (minimum 3600), NS with a day's TTL, and "ns1 ADDRESS" lines as A/AAAA. */
  static String child(String zone, long serial, String... servers) {
    StringBuilder sb =
        new StringBuilder("$TTL 3600\n")
            .append(zone)
            .append(". SOA ns1.")
            .append(zone)
            .append(". h.")
            .append(zone)
            .append(". ")
            .append(serial)
            .append(" 3600 600 1209600 3600\n");
    List<String> named = new ArrayList<>();
    for (String s : servers) {
      String[] p = s.split(" ");
      if (!named.contains(p[0])) {
        named.add(p[0]);
        sb.append(zone).append(". 86400 NS ").append(p[0]).append('.').append(zone).append(".\n");
      }
    }
    for (String s : servers) {
      String[] p = s.split(" ");
      sb.append(p[0])
          .append('.')
          .append(zone)
          .append(". ")
          .append(p[1].contains(":") ? "AAAA " : "A ")
          .append(p[1])
          .append('\n');
    }
    return sb.toString();
  }

  private static void delegate(StringBuilder sb, String zone, String... servers) {
    List<String> named = new ArrayList<>();
    for (String s : servers) {
      String[] p = s.split(" ");
      if (!named.contains(p[0])) {
        named.add(p[0]);
        sb.append(zone).append(". NS ").append(p[0]).append('.').append(zone).append(".\n");
      }
      sb.append(p[0])
          .append('.')
          .append(zone)
          .append(". ")
          .append(p[1].contains(":") ? "AAAA " : "A ")
          .append(p[1])
          .append('\n');
    }
  }

  private String sign(String zone, String text, String key, Instant expiration) throws Exception {
    Path unsigned = Files.writeString(dir.resolve(zone + ".unsigned"), text);
    Path signed = dir.resolve(zone + ".signed");
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(expiration);
    String inception =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now().minus(Duration.ofDays(1)));
    String out =
        exec(
            Duration.ofSeconds(30),
            dir,
            "ldns-signzone",
            "-e",
            stamp,
            "-i",
            inception,
            "-o",
            zone + ".",
            "-f",
            signed.toString(),
            unsigned.toString(),
            key);
    if (!Files.exists(signed)) {
      throw new IllegalStateException("ldns-signzone failed: " + out);
    }
    return Files.readString(signed);
  }

  private void nsd(String id, List<String> addresses, Map<String, String> zones)
      throws IOException {
    StringBuilder conf = new StringBuilder("server:\n");
    for (String a : addresses) {
      conf.append("  ip-address: ").append(a).append('@').append(port).append('\n');
    }
    conf.append("  do-ip6: yes\n  server-count: 1\n  username: \"\"\n  chroot: \"\"\n")
        .append("  zonesdir: \"")
        .append(dir)
        .append("\"\n  database: \"\"\n")
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
    for (Map.Entry<String, String> z : zones.entrySet()) {
      String file = id + "-" + (z.getKey().equals(".") ? "root" : z.getKey()) + "zone";
      Files.writeString(dir.resolve(file), z.getValue());
      conf.append("zone:\n  name: \"")
          .append(z.getKey())
          .append("\"\n  zonefile: \"")
          .append(file)
          .append("\"\n");
    }
    Path confFile = Files.writeString(dir.resolve(id + ".conf"), conf.toString());
    daemons.add(
        new ProcessBuilder("nsd", "-d", "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(id + ".out").toFile())
            .start());
  }

  private void waitUntilServing(List<String> addresses) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (String a : addresses) {
      while (!answers(a)) {
        for (Process d : daemons) {
          if (!d.isAlive()) {
            throw new IllegalStateException("an NSD exited: " + logs());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(a + " did not start serving: " + logs());
        }
        Thread.sleep(50);
      }
    }
  }

  private boolean answers(String address) throws IOException {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName(address), port), 200);
      return true;
    } catch (IOException e) {
      return false;
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

  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 60000);
      if (free(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port on 127.54.0.x");
  }

  private static boolean free(int port) throws IOException {
    List<String> all = new ArrayList<>(X_ADDRESSES);
    all.addAll(List.of(P + "1", P + "2", P + "22", P + "33", P + "62", P + "91"));
    for (String a : all) {
      InetSocketAddress sa = new InetSocketAddress(InetAddress.getByName(a), port);
      try (DatagramSocket u = new DatagramSocket(sa);
          ServerSocket t = new ServerSocket()) {
        t.bind(sa);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  static String exec(Duration timeout, String... cmd) throws IOException, InterruptedException {
    return exec(timeout, null, cmd);
  }

  static String exec(Duration timeout, Path cwd, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  static boolean onPath(String tool) {
    for (String d :
        (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (relay != null) {
      relay.close();
    }
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
