package dev.stackscope.process;

/** Sends signals to processes (libc {@code kill()}). */
public interface SignalSender {
  /** What happened to a signal. */
  enum Outcome {
    /** Delivered (for signal 0: the process exists and may be signalled). */
    SENT,
    /** ESRCH: no such process. */
    NO_SUCH_PROCESS,
    /** EPERM: the caller may not signal that process. */
    NOT_PERMITTED
  }

  Outcome send(int pid, int signal);

  /** The live host's sender: libc {@code kill()} through JNA (loaded on the first signal). */
  static SignalSender libc() {
    return new LibcSignalSender();
  }
}
