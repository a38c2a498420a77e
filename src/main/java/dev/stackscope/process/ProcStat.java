package dev.stackscope.process;

/**
 * The fields of {@code /proc/PID/stat} that stackscope uses (see proc(5)). Times are in clock
 * ticks, {@code rssPages} in pages.
 */
public record ProcStat(
    int pid,
    String comm,
    char state,
    int ppid,
    int pgrp,
    int session,
    int ttyNr,
    long flags,
    long utimeTicks,
    long stimeTicks,
    int nice,
    int numThreads,
    long startTicks,
    long vsize,
    long rssPages) {

  /** {@code PF_KTHREAD}: the process is a kernel thread. */
  static final long PF_KTHREAD = 0x00200000L;

  public boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }
}
