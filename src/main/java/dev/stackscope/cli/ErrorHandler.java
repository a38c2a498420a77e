package dev.stackscope.cli;

import dev.stackscope.output.Output;
import dev.stackscope.output.OutputFailure;
import dev.stackscope.output.Sanitizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and messages: usage errors → 2 with picocli's
 * message and a hint on one line; {@link CommandException} → its code and message; interruption →
 * 130; an I/O error → 1; a closed standard output → 141 quietly (EPIPE) or 1 with a message; any
 * other exception is a defect → 70 ("internal error"). Stack traces only with --debug. The code is
 * decided first; then {@link Output#error} prints the message, and with --json the error document,
 * so --json never changes the exit code.
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
    String message = firstLine(ex.getMessage()) + " (see '" + name + " --help')";
    return report(cmd, ExitCode.USAGE, message, ex);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException pe) {
      return handleParseException(pe, new String[0]);
    }
    if (ex instanceof OutputFailure failure) {
      if (failure.brokenPipe()) {
        if (debug) {
          failure.printStackTrace(err);
          err.flush();
        }
        return ExitCode.BROKEN_PIPE.code(); // the reader went away: nothing to tell anyone
      }
      return report(cmd, ExitCode.FAILURE, failure.getMessage(), ex);
    }
    if (ex instanceof CommandException ce) {
      return report(cmd, ce.exitCode(), ce.getMessage(), ex);
    }
    if (ex instanceof InterruptedException) {
      return report(cmd, ExitCode.INTERRUPTED, "interrupted", ex);
    }
    String what =
        ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    String hint = debug ? "" : " (run with --debug for details)";
    if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      return report(cmd, ExitCode.FAILURE, what + hint, ex);
    }
    return report(cmd, ExitCode.INTERNAL, "internal error: " + what + hint, ex);
  }

  private int report(CommandLine cmd, ExitCode code, String message, Exception ex) {
    String line = firstLine(message);
    Output output = output(cmd);
    if (output != null) {
      output.error(line, code.code());
    } else {
      err.println("stackscope: " + Sanitizer.clean(line));
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  /** The run's output (for the JSON error document), or null when it cannot be built. */
  private static Output output(CommandLine cmd) {
    if (cmd == null || !(cmd.getCommandSpec().root().userObject() instanceof StackscopeCommand r)) {
      return null;
    }
    try {
      return r.output();
    } catch (RuntimeException e) {
      return null; // the options that shape it were the usage error (--width=-1)
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
