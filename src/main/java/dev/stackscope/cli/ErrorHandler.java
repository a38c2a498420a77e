package dev.stackscope.cli;

import dev.stackscope.output.Sanitizer;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and messages: usage errors → 2 with picocli's
 * message and a hint on one line; {@link CommandException} → its code and message; interruption →
 * 130; anything else → 1. Stack traces only with --debug.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final PrintWriter err;
  private final boolean debug;

  ErrorHandler(PrintWriter err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd == null ? "stackscope" : cmd.getCommandSpec().qualifiedName();
    err.println(
        "stackscope: "
            + Sanitizer.clean(firstLine(ex.getMessage()))
            + " (see '"
            + name
            + " --help')");
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.USAGE.code();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException pe) {
      return handleParseException(pe, new String[0]);
    }
    ExitCode code;
    String message;
    if (ex instanceof CommandException ce) {
      code = ce.exitCode();
      message = ce.getMessage();
    } else if (ex instanceof InterruptedException) {
      code = ExitCode.INTERRUPTED;
      message = "interrupted";
    } else {
      code = ExitCode.FAILURE;
      message =
          ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
              + (debug ? "" : " (run with --debug for details)");
    }
    err.println("stackscope: " + Sanitizer.clean(firstLine(message)));
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
