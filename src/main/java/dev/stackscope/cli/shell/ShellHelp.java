package dev.stackscope.cli.shell;

import dev.stackscope.Main;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code help} inside the shell: without arguments the commands (from the model, so commands added
 * later appear by themselves) and the shell's built-ins; {@code help CMD [SUB...]} the command's
 * own usage, exactly as {@code stackscope CMD [SUB...] --help} prints it.
 */
final class ShellHelp {
  private final CommandLine root;
  private final Set<String> hidden;

  ShellHelp(CommandLine root, Set<String> hidden) {
    this.root = root;
    this.hidden = hidden;
  }

  int show(List<String> words, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    List<String> path = words.subList(1, words.size());
    if (path.isEmpty()) {
      overview(out, terminal);
      return 0;
    }
    CommandLine cmd = root;
    for (String name : path) {
      CommandLine sub = CommandWalker.subcommand(cmd, name);
      if (sub == null || (cmd == root && hidden.contains(name))) {
        err.println(
            "stackscope: no command '"
                + dev.stackscope.output.Sanitizer.clean(String.join(" ", path))
                + "' (type 'help' for the list)");
        err.flush();
        return 2;
      }
      cmd = sub;
    }
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    return Main.run(args.toArray(String[]::new), out, err, terminal);
  }

  private void overview(PrintWriter out, TerminalInfo terminal) {
    RenderSettings settings =
        new RenderSettings(
            terminal.interactive(),
            terminal.width(),
            terminal.utf8(),
            terminal.colorByDefault(),
            false,
            false);
    Table commands = Table.of(Column.text("COMMAND"), Column.flexible("DESCRIPTION"));
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (s.usageMessage().hidden() || hidden.contains(s.name())) {
        continue;
      }
      commands.row(s.name(), summary(s));
    }
    commands.row("help [CMD [SUB]]", "List the commands, or show one command's usage.");
    commands.row("history", "List the lines typed in this and earlier sessions.");
    commands.row("clear", "Clear the screen (also Ctrl-L).");
    commands.row("exit [N]", "Leave the shell with code N (0-255; also quit, Ctrl-D).");
    print(out, commands.render(settings));
    out.println();
    out.println("Tab completes commands, options and values; Ctrl-C stops the running command.");
    out.println("Every command takes --json --color --width --reveal --debug.");
    out.flush();
  }

  private static String summary(CommandSpec s) {
    String[] header = s.usageMessage().header();
    if (header.length > 0) {
      return header[0];
    }
    String[] d = s.usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }

  private static void print(PrintWriter out, List<String> lines) {
    for (String l : lines) {
      out.println(l);
    }
  }
}
