package dev.stackscope.stack;

import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Servers a test starts in a temp directory, logged there, stopped (with their children) on close.
 */
final class Launched implements AutoCloseable {
  final Path dir;
  private final Map<String, Process> processes = new LinkedHashMap<>();

  Launched(String prefix) throws IOException {
    dir = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  void launch(String name, List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    processes.put(name, pb.start());
  }

  /** The process started under this name (runuser's, for a server started through it). */
  Process process(String name) {
    return processes.get(name);
  }

  void awaitPort(int port) throws InterruptedException {
    await(
        "something listens on 127.0.0.1:" + port,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /**
   * Waits up to 60 s for the condition; a started server that exited fails at once with its log.
   */
  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      for (Map.Entry<String, Process> p : processes.entrySet()) {
        if (!p.getValue().isAlive()) {
          throw new IllegalStateException(p.getKey() + " exited: " + log(p.getKey()));
        }
      }
      Thread.sleep(100);
    }
    StringBuilder logs = new StringBuilder();
    for (String name : processes.keySet()) {
      logs.append("\n--- ").append(name).append(":\n").append(log(name));
    }
    throw new IllegalStateException("not within 60 s: " + what + logs);
  }

  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Runs a command to its end; its status, or throws with its output. */
  void run(String what, List<String> cmd) throws IOException, InterruptedException {
    Path log = dir.resolve(what + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          what + " failed (" + p.exitValue() + "): " + Files.readString(log));
    }
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(processes.keySet());
    Collections.reverse(names);
    for (String n : names) {
      Process p = processes.get(n);
      List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
      p.destroy();
      tree.forEach(ProcessHandle::destroy);
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        for (ProcessHandle h : tree) {
          h.onExit().get(10, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        tree.forEach(ProcessHandle::destroyForcibly);
      }
    }
    TempDirs.deleteQuietly(dir);
  }
}
