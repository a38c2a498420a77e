package dev.stackscope.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jline.console.ArgDesc;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
import org.jline.utils.AttributedString;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.shell.jline3.PicocliCommands;

/**
 * The tail tip of the command being typed: picocli-shell-jline3's description (the synopsis and the
 * options) of the deepest subcommand reached, plus its positional parameters' labels, which JLine
 * shows greyed after the cursor.
 */
final class CommandDescriptions implements Function<CmdLine, CmdDesc> {
  private final CommandLine root;
  private final PicocliCommands picocli;

  CommandDescriptions(CommandLine root) {
    this.root = root;
    this.picocli = new PicocliCommands(root);
  }

  @Override
  public CmdDesc apply(CmdLine line) {
    List<String> args = line.getArgs();
    if (args == null || args.isEmpty()) {
      return null;
    }
    CommandWalker.Position at = CommandWalker.walk(root, args.subList(0, args.size() - 1));
    if (at.path().isEmpty()) {
      return null;
    }
    CmdDesc base = picocli.commandDescription(at.path());
    if (base == null) {
      return null;
    }
    // JLine counts the command words as arguments: one unnamed entry per word of the path.
    List<ArgDesc> params =
        new ArrayList<>(ArgDesc.doArgNames(java.util.Collections.nCopies(at.path().size(), "")));
    for (PositionalParamSpec p : at.command().getCommandSpec().positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      List<AttributedString> d = new ArrayList<>();
      for (String s : p.description()) {
        d.add(new AttributedString(s));
      }
      String label = p.paramLabel();
      params.add(new ArgDesc(p.arity().min() == 0 ? "[" + label + "]" : label, d));
    }
    return new CmdDesc(base.getMainDesc(), params, base.getOptsDesc());
  }
}
