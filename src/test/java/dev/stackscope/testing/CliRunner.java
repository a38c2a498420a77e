package dev.stackscope.testing;

import dev.stackscope.Main;
import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs stackscope command lines in-process, as a pipe (no terminal, no colour, no width limit),
 * capturing stdout, stderr and the exit code.
 */
public final class CliRunner {
  /** What one run printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8"));
  private boolean terminal;

  /** Sets an environment variable seen by the run (LANG, COLUMNS, NO_COLOR, ...). */
  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Pretends stdout is a terminal (width from COLUMNS). */
  public CliRunner terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new TerminalInfo(terminal, Map.copyOf(env)));
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with default settings. */
  public static Result stackscope(String... args) {
    return new CliRunner().run(args);
  }
}
