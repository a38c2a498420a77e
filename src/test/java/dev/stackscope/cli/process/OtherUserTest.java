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
import java.util.ArrayList;
import java.util.List;
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
