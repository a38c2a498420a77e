package dev.stackscope.server;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What the warm server needs from the command line, and all it knows of it: which command a command
 * line runs, running one on behalf of a client, and warming the JIT. The command line ({@code
 * dev.stackscope.cli.ServedCommands}) implements it; the server never imports the CLI.
 */
public interface Runner {
  /** The subcommand {@code args} runs, or null (none, help, an unknown name). */
  String command(List<String> args);

  /** Runs one client's command line and returns its exit code. */
  int run(Call call);

  /**
   * Runs the warm-up command lines of {@code commands} until {@code budget} has passed or {@code
   * stop} says so (best effort: failures are ignored).
   */
  void warmUp(Set<String> commands, Duration budget, BooleanSupplier stop);

  /**
   * One client's run: its arguments, working directory, PID, whether its stdout (and stdin) is a
   * terminal, whether its stderr is one (where progress is drawn), its environment, and its three
   * streams.
   */
  record Call(
      List<String> args,
      Path workingDirectory,
      long pid,
      boolean terminal,
      boolean stderrTerminal,
      Map<String, String> env,
      InputStream in,
      PrintWriter out,
      PrintWriter err) {}
}
