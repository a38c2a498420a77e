package dev.stackscope.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real process started by a test (usually {@code sh -c ...}), killed with its descendants on
 * {@link #close}. {@link #awaitChildren} waits until the shell has started its children.
 */
public final class Spawned implements AutoCloseable {
  private final Process process;

  private Spawned(Process process) {
    this.process = process;
  }

  /** Starts {@code sh -c script} with stdin from /dev/null and output discarded. */
  public static Spawned shell(String script) throws IOException {
    return start(
        new ProcessBuilder("sh", "-c", script)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD));
  }

  public static Spawned start(ProcessBuilder builder) throws IOException {
    return new Spawned(builder.start());
  }

  public Process process() {
    return process;
  }

  public int pid() {
    return (int) process.pid();
  }

  /**
   * Waits (up to 10 s) until the process has {@code n} children that have each executed their own
   * program (a child forked by the shell is a copy of it, named as it is, until its exec), and
   * returns their PIDs.
   */
  public List<Integer> awaitChildren(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String parent = comm(pid());
    while (true) {
      List<Integer> kids = process.children().map(h -> (int) h.pid()).sorted().toList();
      if (kids.size() >= n
          && kids.stream().noneMatch(k -> parent == null || parent.equals(comm(k)))) {
        return kids;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("spawned process has " + kids.size() + " children, not " + n);
      }
      Thread.sleep(20);
    }
  }

  /** Waits (up to 10 s) until {@code check} holds, e.g. a trap has been installed. */
  public static void await(java.util.function.BooleanSupplier check, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The process's name as in /proc/PID/comm, or null when it cannot be read (it has ended). */
  private static String comm(int pid) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/comm"))
          .strip();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
