package dev.stackscope.process;

/**
 * Which optional parts of each process a snapshot reads. The basics (ids, name, state, threads,
 * memory, cpu time, start time) are always read; owners need {@code /proc/PID/status}, command
 * lines {@code /proc/PID/cmdline}, executables a {@code readlink} of {@code /proc/PID/exe} — each
 * one more system call per process, which is what a tree of 5,000 processes pays for.
 *
 * @param owners uid, euid, gid, egid and the user name
 * @param commandLines argv
 * @param executables the executable's path
 */
public record ProcessFields(boolean owners, boolean commandLines, boolean executables) {
  /** Ids, names, states, counters: the least a tree needs. */
  public static final ProcessFields BASIC = new ProcessFields(false, false, false);

  /** Everything a snapshot can hold. */
  public static final ProcessFields ALL = new ProcessFields(true, true, true);
}
