package dev.stackscope.process;

/**
 * The fields of {@code /proc/PID/status} that stackscope uses (see proc(5)). Ids are real,
 * effective, saved and filesystem, in that order; signal masks have bit {@code n-1} set for signal
 * {@code n}; memory is in bytes ({@code -1} when absent, as for kernel threads).
 */
public record ProcStatus(
    String name,
    char state,
    int tgid,
    int ppid,
    int[] uids,
    int[] gids,
    int threads,
    long vmRss,
    long vmSize,
    long sigPnd,
    long shdPnd,
    long sigBlk,
    long sigIgn,
    long sigCgt) {

  public int uid() {
    return uids.length > 0 ? uids[0] : -1;
  }

  public int euid() {
    return uids.length > 1 ? uids[1] : uid();
  }

  public int gid() {
    return gids.length > 0 ? gids[0] : -1;
  }

  public int egid() {
    return gids.length > 1 ? gids[1] : gid();
  }
}
