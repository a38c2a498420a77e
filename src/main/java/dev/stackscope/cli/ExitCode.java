package dev.stackscope.cli;

/** The documented exit codes of every stackscope command (see README, "Exit codes"). */
public enum ExitCode {
  /** Success. */
  OK(0),
  /** The thing asked about failed or does not exist (no such PID, invalid URL, NXDOMAIN). */
  FAILURE(1),
  /** Usage error: unknown option, missing or malformed argument. */
  USAGE(2),
  /** Partial result: something could not be read (e.g. permission denied); stderr says what. */
  PARTIAL(3),
  /**
   * Internal error: a defect in stackscope (an unexpected exception), not a property of what was
   * asked about; 70 is sysexits' EX_SOFTWARE.
   */
  INTERNAL(70),
  /** Interrupted (Ctrl-C). */
  INTERRUPTED(130),
  /**
   * Standard output was closed by its reader (EPIPE, {@code stackscope ps --watch | head -1}): the
   * run ends quietly with the status a shell reports for a process killed by SIGPIPE (128 + 13).
   */
  BROKEN_PIPE(141);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The worse of two outcomes: failure beats partial beats success. */
  public ExitCode worst(ExitCode other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case OK -> 0;
      case PARTIAL -> 1;
      case FAILURE -> 2;
      case USAGE -> 3;
      case INTERRUPTED -> 4;
      case BROKEN_PIPE -> 5;
      case INTERNAL -> 6;
    };
  }
}
