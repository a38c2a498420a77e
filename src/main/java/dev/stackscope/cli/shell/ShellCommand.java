package dev.stackscope.cli.shell;

import dev.stackscope.Main;
import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.Cli;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.host.Host;
import dev.stackscope.output.Output;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.shell.FileNameCandidates;
import dev.stackscope.shell.HistoryFile;
import dev.stackscope.shell.LineRunner;
import dev.stackscope.shell.PidCandidates;
import dev.stackscope.shell.Repl;
import dev.stackscope.shell.ScriptShell;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stackscope shell}: one command after another in a warm JVM. On a terminal, with Tab
 * completion, a tail tip, history and Ctrl-C for the running command; with piped input, each line
 * runs in turn and the shell ends at end of input.
 */
@Command(
    name = "shell",
    header = "Run commands one after another, with completion and history.",
    description = {
      "An interactive shell over every stackscope command: Tab completes commands, options,",
      "option values and PIDs; a tail tip shows the synopsis; history is kept in",
      "~/.stackscope_history ($STACKSCOPE_HISTORY overrides; lines starting with a space are",
      "not kept). Ctrl-C stops the running command, Ctrl-D or 'exit' leaves. 'help' lists the",
      "commands, 'help CMD' shows one command's usage.",
      "",
      "With piped input (printf 'ports\\nifaces\\n' | stackscope shell) each line runs in turn,",
      "without prompt, and the shell exits with the last line's exit code at end of input."
    })
public final class ShellCommand extends BaseCommand {
  /** Not offered inside the shell: a shell in the shell only confuses Ctrl-C and history. */
  static final Set<String> HIDDEN_INSIDE = Set.of("shell");

  @Option(
      names = "--time",
      description = "Print each line's wall time on stderr (stackscope: time 12.3 ms: LINE).")
  boolean time;

  @Override
  protected ExitCode execute(Output out) throws Exception {
    // a shell lives long: its lines share its host, whose ports read listeners cheaply
    host().tcpDiag().enableInBackground();
    TerminalInfo terminal = root().terminal();
    CommandLine model = Cli.model();
    LineRunner runner = runner(model, host());
    int code;
    if (terminal.interactive() && System.console() != null) {
      code = interactive(model, runner, terminal.env());
    } else {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(root().invocation().stdin(), StandardCharsets.UTF_8));
      code = new ScriptShell(runner, time).run(in, out.stdout(), out.stderr(), terminal);
    }
    return exitCode(code);
  }

  private int interactive(CommandLine model, LineRunner runner, Map<String, String> env)
      throws java.io.IOException {
    try (Terminal t = TerminalBuilder.builder().system(true).name("stackscope").build()) {
      Repl.Config config =
          new Repl.Config(
              new CommandCompleter(
                  model,
                  HIDDEN_INSIDE,
                  new PidCandidates(host().proc()),
                  new FileNameCandidates(root().invocation().workingDirectory(), home(env))),
              new CommandDescriptions(model),
              HistoryFile.resolve(env),
              env,
              time);
      return new Repl(t, runner, config).run();
    }
  }

  /** The user's home directory for {@code ~/} in file names: $HOME, else the JVM's. */
  private static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home != null && home.startsWith("/") ? home : System.getProperty("user.home"));
  }

  /**
   * How a shell line runs: help and the no-shell-in-the-shell rule here, the rest as usual, on the
   * shell's {@code host}.
   */
  static LineRunner runner(CommandLine model, Host host) {
    ShellHelp help = new ShellHelp(model, HIDDEN_INSIDE);
    return (List<String> words, PrintWriter o, PrintWriter e, TerminalInfo t) -> {
      if (words.get(0).equals("help")) {
        return help.show(words, o, e, t);
      }
      if (HIDDEN_INSIDE.contains(words.get(0))) {
        e.println("stackscope: already in the shell");
        e.flush();
        return ExitCode.USAGE.code();
      }
      return Main.run(words.toArray(String[]::new), o, e, t, host);
    };
  }

  private static ExitCode exitCode(int code) {
    for (ExitCode c : ExitCode.values()) {
      if (c.code() == code) {
        return c;
      }
    }
    return ExitCode.FAILURE;
  }
}
