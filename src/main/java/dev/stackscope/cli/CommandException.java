package dev.stackscope.cli;

/**
 * Ends a command with a one-line message on stderr ({@code stackscope: <message>}) and an exit
 * code. Commands throw it; {@link ErrorHandler} is the one place that turns it into output.
 */
public final class CommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public CommandException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CommandException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The thing asked about failed or does not exist: exit 1. */
  public static CommandException failure(String message) {
    return new CommandException(ExitCode.FAILURE, message);
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
