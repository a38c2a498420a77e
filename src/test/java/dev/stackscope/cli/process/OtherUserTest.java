package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs stackscope as the unprivileged user {@code nobody} (via setpriv) against a root-owned
 * process: what permissions hide is reported and the exit code says so.
 */
class OtherUserTest {
  @TempDir static Path dir;
  private static String classpath;

  @Test
  void procShowsPermissionDeniedAndExitsPartialSignalNamesTheOwner() throws Exception {
    String classpath = canRunAsNobody("/proc/self/stat");
    try (Spawned s = Spawned.start(new ProcessBuilder("sleep", "1007"))) {
      CliRunner.Result proc = runAsNobody(classpath, "proc", String.valueOf(s.pid()));
      assertEquals(3, proc.exitCode(), proc::toString);
      assertTrue(proc.out().contains("variables  (permission denied)"), proc::toString);
      assertTrue(proc.out().contains("all  (permission denied)"), proc::toString);
      assertTrue(proc.out().contains("command     sleep 1007"), proc::toString);
      assertTrue(proc.err().contains("permission denied: "), proc::toString);
      assertTrue(proc.err().contains("environment"), proc::toString);

      CliRunner.Result signal = runAsNobody(classpath, "signal", String.valueOf(s.pid()), "TERM");
      assertEquals(1, signal.exitCode(), signal::toString);
      assertEquals(
          "stackscope: not permitted to send TERM to PID "
              + s.pid()
              + " (sleep): it belongs to root\n",
          signal.err());
      assertTrue(s.process().isAlive());
    }
  }

  @Test
  void portsListsARootListenerWithoutOwnerAndSaysHowManyWereHidden() throws Exception {
    String classpath = canRunAsNobody("/proc/net/tcp");
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(listener.getLocalPort());
      CliRunner.Result ports = runAsNobody(classpath, "ports", "-t", "--port", port);
      assertEquals(0, ports.exitCode(), ports::toString);
      String row =
          ports
              .out()
              .lines()
              .filter(l -> l.contains("127.0.0.1:" + port))
              .findFirst()
              .orElseThrow(() -> new AssertionError(ports.toString()));
      assertTrue(row.matches(".*listening +- +- +- .*"), row); // PID, PROCESS, USER unknown
      assertEquals(1, ports.err().lines().count(), ports::toString);
      // Other programs may listen on the same port number at other addresses: count every row.
      long rows = ports.out().lines().count() - 1;
      String hidden =
          rows == 1 ? "1 socket's owner is hidden" : rows + " sockets' owners are hidden";
      assertTrue(
          ports
              .err()
              .matches(
                  "stackscope: "
                      + hidden
                      + " \\(\\d+ process(es)? not"
                      + " readable by this user\\); root sees them\n"),
          ports::toString);

      CliRunner.Result json = runAsNobody(classpath, "ports", "-t", "--port", port, "--json");
      assertEquals(0, json.exitCode(), json::toString);
      JsonNode ours = null;
      for (JsonNode socket : CliRunner.parseJson(json.out())) {
        if (socket.get("localAddress").asText().equals("127.0.0.1")) {
          ours = socket;
        }
      }
      assertTrue(ours != null, json::toString);
      assertTrue(ours.get("owners").isArray() && ours.get("owners").isEmpty(), json::toString);
    }
  }

  /**
   * A root-owned busybox httpd in a network namespace of its own ({@code ip netns}): as nobody,
   * {@code ps}, {@code proc} and {@code ports --all-netns} show what is readable, say on stderr
   * what was hidden, and exit as documented (0, 3 for proc's denied files, 0).
   */
  @Test
  void aRootNamespaceIsHiddenWithANoteAndTheDocumentedExitCodes() throws Exception {
    String classpath = canRunAsNobody("/proc/self/ns/net");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/busybox")), "/bin/busybox absent (busybox-static)");
    String ns = "ssnobody" + ProcessHandle.current().pid();
    CliRunner.Result add =
        CliRunner.exec(dir, Map.of(), Duration.ofSeconds(30), List.of("ip", "netns", "add", ns));
    Assumptions.assumeTrue(add.exitCode() == 0, () -> "cannot make a network namespace: " + add);
    try (Spawned httpd =
        Spawned.start(
            new ProcessBuilder(
                "ip", "netns", "exec", ns, "/bin/busybox", "httpd", "-f", "-p", "8080"))) {
      String pid = Integer.toString(httpd.pid());
      Path link = Path.of("/proc", pid, "ns", "net");
      Spawned.await(
          () -> {
            try {
              return !Files.readSymbolicLink(link)
                  .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
            } catch (IOException e) {
              return false;
            }
          },
          "httpd in " + ns);
      long inode = Long.parseLong(Files.readSymbolicLink(link).toString().replaceAll("\\D", ""));

      CliRunner.Result ps = runAsNobody(classpath, "ps", "--interval", "0", "--json");
      assertEquals(0, ps.exitCode(), ps::toString);
      JsonNode row = null;
      for (JsonNode r : CliRunner.parseJson(ps.out())) {
        if (r.path("pid").asText().equals(pid)) {
          row = r;
        }
      }
      assertTrue(row != null, ps::toString);
      assertTrue(row.path("netns").isNull(), row::toString);
      assertTrue(
          ps.err()
              .matches(
                  "(?s).*stackscope: the namespaces of \\d+ process(es are| is) hidden \\(not"
                      + " readable by this user\\); root sees them\n.*"),
          ps::toString);

      CliRunner.Result proc = runAsNobody(classpath, "proc", pid, "--json");
      assertEquals(3, proc.exitCode(), proc::toString);
      JsonNode json = CliRunner.parseJson(proc.out());
      assertTrue(json.path("namespaces").path("net").isNull(), proc::toString);
      assertTrue(json.path("netns").isNull(), proc::toString);
      assertTrue(proc.err().contains("the namespaces of 1 process are hidden"), proc::toString);

      CliRunner.Result ports = runAsNobody(classpath, "ports", "--all-netns", "-t", "--json");
      assertEquals(0, ports.exitCode(), ports::toString);
      for (JsonNode socket : CliRunner.parseJson(ports.out())) {
        assertTrue(socket.path("netns").path("inode").asLong() != inode, socket::toString);
      }
      assertTrue(
          ports
              .err()
              .matches(
                  "(?s).*stackscope: \\d+ process(es)?'s? network namespace could not be read"
                      + " \\(other users' processes; root sees them\\)\n.*"),
          ports::toString);
      // as root the same namespace and its listener are there
      CliRunner.Result asRoot =
          CliRunner.java(dir, List.of(), classpath, "ports", "--all-netns", "-t", "--json");
      assertEquals(0, asRoot.exitCode(), asRoot::toString);
      boolean seen = false;
      for (JsonNode socket : CliRunner.parseJson(asRoot.out())) {
        seen |=
            socket.path("netns").path("inode").asLong() == inode
                && socket.path("localPort").asInt() == 8080;
      }
      assertTrue(seen, asRoot::toString);
    } finally {
      CliRunner.exec(dir, Map.of(), Duration.ofSeconds(30), List.of("ip", "netns", "del", ns));
    }
  }

  /**
   * Skips unless this runs as root with setpriv and {@code linuxFile}; the classpath for nobody.
   */
  private static String canRunAsNobody(String linuxFile) throws IOException {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "needs root to drop to nobody");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) absent");
    Assumptions.assumeTrue(Files.isReadable(Path.of(linuxFile)), "needs Linux " + linuxFile);
    return readableClasspath();
  }

  private static CliRunner.Result runAsNobody(String classpath, String... args) throws Exception {
    return CliRunner.java(
        dir,
        List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
        classpath,
        args);
  }

  /** This test run's classpath, copied where nobody can read it (~/.m2 is private to root). */
  private static synchronized String readableClasspath() throws IOException {
    if (classpath != null) {
      return classpath;
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = dir.resolve("cp" + i++ + (Files.isDirectory(source) ? "" : ".jar"));
      if (Files.isDirectory(source)) {
        try (var walk = Files.walk(source)) {
          for (Path f : (Iterable<Path>) walk::iterator) {
            Path t = target.resolve(source.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(t);
              Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
              Files.copy(f, t);
              Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
            }
          }
        }
      } else {
        Files.copy(source, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      }
      entries.add(target.toString());
    }
    classpath = String.join(File.pathSeparator, entries);
    return classpath;
  }
}
