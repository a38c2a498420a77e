package dev.stackscope.process;

/** The process asked about does not exist (or has exited). */
public final class NoSuchProcessException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int pid;

  public NoSuchProcessException(int pid) {
    super("no process with PID " + pid);
    this.pid = pid;
  }

  public int pid() {
    return pid;
  }
}
