package dev.stackscope.process;

import java.time.Instant;
import java.util.List;

/**
 * One process as a {@link ProcessSource} saw it. Numbers a source could not read are {@code -1},
 * objects it could not read (or was not asked to read, see {@link ProcessFields}) are {@code null}.
 *
 * @param pid process id
 * @param ppid parent's pid (0 for PID 1 and the kernel's thread daemon)
 * @param pgid process group id (-1 when the source cannot tell)
 * @param sid session id (-1 when the source cannot tell)
 * @param ttyNr controlling terminal as the kernel's device number (0: none, -1: unknown)
 * @param name the short command name (Linux {@code comm}, at most 15 bytes)
 * @param state one-letter state as in ps: R running, S sleeping, D disk wait, Z zombie, T stopped,
 *     t traced, I idle, X dead
 * @param command argv; empty for kernel threads and zombies; null when not read
 * @param executable path of the executable; null when not read or not permitted
 * @param uid real user id
 * @param euid effective user id
 * @param gid real group id
 * @param egid effective group id
 * @param user name of the effective user (as ps's USER column); null when not read
 * @param startTime when the process started; null when unknown
 * @param threads number of threads
 * @param rss resident set size in bytes
 * @param vsz virtual memory size in bytes
 * @param cpuTimeMillis user plus system CPU time consumed so far
 * @param nice nice value (-20..19)
 * @param kernelThread a kernel thread (no user space, no command line)
 */
public record ProcessInfo(
    int pid,
    int ppid,
    int pgid,
    int sid,
    int ttyNr,
    String name,
    String state,
    List<String> command,
    String executable,
    int uid,
    int euid,
    int gid,
    int egid,
    String user,
    Instant startTime,
    int threads,
    long rss,
    long vsz,
    long cpuTimeMillis,
    int nice,
    boolean kernelThread) {

  /** The command line joined with spaces, or {@code [name]} like ps when there is none. */
  public String commandLine() {
    if (command == null || command.isEmpty()) {
      return "[" + name + "]";
    }
    return String.join(" ", command);
  }
}
