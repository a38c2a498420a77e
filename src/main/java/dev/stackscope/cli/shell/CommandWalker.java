package dev.stackscope.cli.shell;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Follows the words of a partial command line through the picocli model, the way picocli's parser
 * would: subcommands descend, options (and their values) are skipped, other words count as
 * positional parameters. Says where the next word stands.
 */
final class CommandWalker {
  /**
   * Where the next word stands.
   *
   * @param command the (sub)command reached
   * @param path the command names from the root, excluding the root
   * @param positional how many positional parameters precede the next word
   * @param pending an option whose value the next word must be, or null
   * @param endOfOptions a {@code --} was seen: every word is positional
   */
  record Position(
      CommandLine command,
      List<String> path,
      int positional,
      OptionSpec pending,
      boolean endOfOptions) {

    /** The positional parameter the next word would be, or null. */
    PositionalParamSpec nextPositional() {
      for (PositionalParamSpec p : command.getCommandSpec().positionalParameters()) {
        if (p.index().contains(positional)) {
          return p;
        }
      }
      return null;
    }
  }

  private CommandWalker() {}

  static Position walk(CommandLine root, List<String> words) {
    CommandLine cmd = root;
    List<String> path = new java.util.ArrayList<>();
    int positional = 0;
    OptionSpec pending = null;
    boolean endOfOptions = false;
    for (String w : words) {
      if (pending != null) {
        pending = null;
        continue;
      }
      if (!endOfOptions && w.equals("--")) {
        endOfOptions = true;
        continue;
      }
      if (!endOfOptions && w.startsWith("-") && w.length() > 1) {
        int eq = w.indexOf('=');
        OptionSpec o = cmd.getCommandSpec().findOption(eq > 0 ? w.substring(0, eq) : w);
        if (o != null && eq < 0 && o.arity().min() > 0) {
          pending = o;
        }
        continue;
      }
      CommandLine sub = endOfOptions || positional > 0 ? null : subcommand(cmd, w);
      if (sub != null) {
        cmd = sub;
        path.add(sub.getCommandName());
        positional = 0;
        continue;
      }
      positional++;
    }
    return new Position(cmd, List.copyOf(path), positional, pending, endOfOptions);
  }

  static CommandLine subcommand(CommandLine cmd, String name) {
    CommandLine sub = cmd.getSubcommands().get(name);
    return sub != null && !sub.getCommandSpec().usageMessage().hidden() ? sub : null;
  }

  /** The first line of an option's or parameter's description, for a candidate list. */
  static String summary(ArgSpec arg) {
    String[] d = arg.description();
    return d.length == 0 ? null : d[0];
  }
}
