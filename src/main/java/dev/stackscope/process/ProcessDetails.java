package dev.stackscope.process;

import java.util.List;

/**
 * Everything {@code proc} shows about one process. Parts hidden by permissions are null and named
 * in {@link #denied}.
 *
 * @param process the process
 * @param tty the controlling terminal's device path, null when none
 * @param cwd the working directory
 * @param ancestors the parent, grandparent … up to PID 1 (nearest first)
 * @param environment the environment in the process's order
 * @param fds open file descriptors in fd order
 * @param signals the signal masks
 * @param denied what could not be read for lack of permission ("environment", "file descriptors",
 *     "working directory", "executable")
 */
public record ProcessDetails(
    ProcessInfo process,
    String tty,
    String cwd,
    List<ProcessInfo> ancestors,
    List<EnvironmentVariable> environment,
    List<FileDescriptor> fds,
    SignalMasks signals,
    List<String> denied) {

  /**
   * The signal masks of {@code /proc/PID/status}, decoded into names.
   *
   * @param caught signals with a handler (SigCgt)
   * @param ignored signals ignored (SigIgn)
   * @param blocked signals blocked (SigBlk)
   * @param pending signals pending for the thread or the whole process (SigPnd, ShdPnd)
   */
  public record SignalMasks(
      List<String> caught, List<String> ignored, List<String> blocked, List<String> pending) {
    public static SignalMasks of(ProcStatus s) {
      return new SignalMasks(
          Signals.decode(s.sigCgt()),
          Signals.decode(s.sigIgn()),
          Signals.decode(s.sigBlk()),
          Signals.decode(s.sigPnd() | s.shdPnd()));
    }
  }
}
