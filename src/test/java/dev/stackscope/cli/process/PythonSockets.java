package dev.stackscope.cli.process;

import dev.stackscope.process.Spawned;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A python3 child holding loopback sockets: it runs {@code script}, which prints one line of
 * numbers (ports) on stderr when its sockets are ready, then sleeps until killed.
 */
final class PythonSockets implements AutoCloseable {
  final Spawned process;
  final List<Integer> ports;

  private PythonSockets(Spawned process, List<Integer> ports) {
    this.process = process;
    this.ports = ports;
  }

  static PythonSockets run(String script, ProcessBuilder.Redirect stdout) throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/python3")), "python3 absent: Debian's python3");
    Spawned p =
        Spawned.start(
            new ProcessBuilder("/usr/bin/python3", "-c", script + "\nimport time\ntime.sleep(600)")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout));
    BufferedReader err =
        new BufferedReader(
            new InputStreamReader(p.process().getErrorStream(), StandardCharsets.UTF_8));
    String line = err.readLine();
    if (line == null || !line.matches("[0-9 ]+")) {
      try {
        p.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("python3 did not report its ports: " + line);
    }
    List<Integer> ports = new ArrayList<>();
    for (String n : line.trim().split(" +")) {
      ports.add(Integer.parseInt(n));
    }
    return new PythonSockets(p, ports);
  }

  int pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
