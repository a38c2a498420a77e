package dev.stackscope.cli;

import java.nio.file.Path;

/**
 * Who asked for this run, as far as commands care: the working directory that relative file
 * arguments are resolved against, and the PID of the process the user started (left out of
 * {@code --match} results, like pgrep leaves itself out). For a run in this JVM that is the JVM
 * itself; for a run in the warm server ({@code dev.stackscope.server}) it is the client.
 *
 * @param workingDirectory absolute working directory of the caller
 * @param selfPid the caller's PID
 */
public record Invocation(Path workingDirectory, long selfPid) {
  /** This JVM's own working directory and PID. */
  public static Invocation current() {
    return new Invocation(Path.of("").toAbsolutePath(), ProcessHandle.current().pid());
  }

  /** True when relative paths must be resolved explicitly (the caller is another process). */
  boolean remote() {
    return !workingDirectory.equals(Path.of("").toAbsolutePath());
  }
}
