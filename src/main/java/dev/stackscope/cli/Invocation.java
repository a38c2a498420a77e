package dev.stackscope.cli;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Who asked for this run, as far as commands care: the working directory that relative file
 * arguments are resolved against, the PID of the process the user started (left out of {@code
 * --match} results, like pgrep leaves itself out), and its standard input (url and ip read it; no
 * command reads {@code System.in} itself). For a run in this JVM that is the JVM itself; for a run
 * in the warm server ({@code dev.stackscope.server}) it is the client, whose stdin travels in
 * frames.
 *
 * @param workingDirectory absolute working directory of the caller
 * @param selfPid the caller's PID
 * @param stdin the caller's standard input
 */
public record Invocation(Path workingDirectory, long selfPid, InputStream stdin) {
  /** This JVM's own working directory and PID, and {@code stdin}. */
  public static Invocation current(InputStream stdin) {
    return new Invocation(Path.of("").toAbsolutePath(), ProcessHandle.current().pid(), stdin);
  }

  /** This JVM's own working directory, PID and standard input. */
  public static Invocation current() {
    return current(System.in);
  }

  /** True when relative paths must be resolved explicitly (the caller is another process). */
  boolean remote() {
    return !workingDirectory.equals(Path.of("").toAbsolutePath());
  }
}
