package dev.stackscope.cli.shell;

import dev.stackscope.output.Sanitizer;
import dev.stackscope.shell.FileNameCandidates;
import dev.stackscope.shell.PidCandidates;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes a shell line from the picocli model: subcommands at any depth, option names (with their
 * descriptions), option and parameter values that are enumerable (enums, {@code
 * completionCandidates}), live PIDs with their names for parameters labelled {@code PID}, and file
 * names for File/Path parameters. JLine filters the candidates by the typed prefix.
 *
 * <p>Every candidate's value, display and description is {@link Sanitizer#clean sanitised} on the
 * way out: file names and process names are untrusted, and JLine writes candidates to the terminal
 * as they are.
 */
public final class CommandCompleter implements Completer {
  private static final String COMMANDS = "commands";
  private static final String OPTIONS = "options";

  /** The shell's own commands, offered with the first word. */
  static final List<String> BUILTINS = List.of("help", "history", "clear", "exit", "quit");

  private final CommandLine root;
  private final Set<String> hidden;
  private final PidCandidates pids;
  private final FileNameCandidates files;

  /**
   * @param root the command model (never executed)
   * @param hidden top-level names not offered (the shell itself, inside the shell)
   * @param pids live PIDs (from the run's /proc)
   * @param files file names (relative to the caller's working directory)
   */
  public CommandCompleter(
      CommandLine root, Set<String> hidden, PidCandidates pids, FileNameCandidates files) {
    this.root = root;
    this.hidden = hidden;
    this.pids = pids;
    this.files = files;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    int first = candidates.size();
    offer(reader, line, candidates);
    for (int i = first; i < candidates.size(); i++) {
      candidates.set(i, safe(candidates.get(i)));
    }
  }

  /** {@code c} with its value, display and description sanitised (the same object when clean). */
  static Candidate safe(Candidate c) {
    String value = Sanitizer.clean(c.value());
    String displ = Sanitizer.clean(c.displ());
    String descr = c.descr() == null ? null : Sanitizer.clean(c.descr());
    if (value.equals(c.value()) && displ.equals(c.displ()) && Objects.equals(descr, c.descr())) {
      return c;
    }
    return new Candidate(value, displ, c.group(), descr, c.suffix(), c.key(), c.complete());
  }

  private void offer(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = Math.min(line.wordIndex(), words.size());
    String word = line.word() == null ? "" : line.word();
    String prefix = word.substring(0, Math.min(line.wordCursor(), word.length()));
    if (index > 0 && words.get(0).equals("help")) {
      helpTopics(words.subList(1, index), candidates);
      return;
    }
    CommandWalker.Position at = CommandWalker.walk(root, words.subList(0, index));
    CommandSpec spec = at.command().getCommandSpec();
    if (at.pending() != null) {
      values(at.pending(), "", prefix, candidates);
      return;
    }
    if (!at.endOfOptions() && prefix.startsWith("-")) {
      int eq = prefix.indexOf('=');
      if (eq > 0) {
        OptionSpec o = spec.findOption(prefix.substring(0, eq));
        if (o != null && o.arity().max() > 0) {
          values(o, prefix.substring(0, eq + 1), prefix.substring(eq + 1), candidates);
        }
        return;
      }
      options(spec, candidates);
      return;
    }
    if (at.positional() == 0 && !at.endOfOptions()) {
      for (CommandLine sub : at.command().getSubcommands().values()) {
        CommandSpec s = sub.getCommandSpec();
        if (s.usageMessage().hidden() || (at.path().isEmpty() && hidden.contains(s.name()))) {
          continue;
        }
        candidates.add(new Candidate(s.name(), s.name(), COMMANDS, firstLine(s), null, null, true));
      }
    }
    if (index == 0) {
      for (String b : BUILTINS) {
        candidates.add(new Candidate(b, b, "shell", null, null, null, true));
      }
    }
    PositionalParamSpec p = at.nextPositional();
    if (p != null) {
      values(p, "", prefix, candidates);
    }
    if (candidates.isEmpty() && prefix.isEmpty() && at.command() != root) {
      options(spec, candidates);
    }
  }

  /** {@code help CMD SUB}: the subcommands of the path typed so far. */
  private void helpTopics(List<String> path, List<Candidate> candidates) {
    CommandLine cmd = root;
    for (String name : path) {
      cmd = CommandWalker.subcommand(cmd, name);
      if (cmd == null) {
        return;
      }
    }
    for (CommandLine sub : cmd.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (!s.usageMessage().hidden() && !(cmd == root && hidden.contains(s.name()))) {
        candidates.add(new Candidate(s.name(), s.name(), COMMANDS, firstLine(s), null, null, true));
      }
    }
  }

  private void options(CommandSpec spec, List<Candidate> candidates) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      String descr = CommandWalker.summary(o);
      for (String name : o.names()) {
        candidates.add(new Candidate(name, name, OPTIONS, descr, null, o.longestName(), true));
      }
    }
  }

  /**
   * The values of {@code arg}; {@code prefix} is put before each ({@code --opt=}) and {@code typed}
   * is the value typed so far.
   */
  private void values(ArgSpec arg, String prefix, String typed, List<Candidate> out) {
    if (PidCandidates.isPidLabel(arg.paramLabel())) {
      for (PidCandidates.LiveProcess p : pids.list()) {
        String pid = Long.toString(p.pid());
        out.add(
            new Candidate(prefix + pid, pid, null, Sanitizer.clean(p.name()), null, null, true));
      }
      return;
    }
    Iterable<String> known = arg.completionCandidates();
    if (known != null) {
      for (String v : known) {
        out.add(new Candidate(prefix + v, v, null, null, null, null, true));
      }
      return;
    }
    Class<?> type = arg.type();
    if (type == File.class || type == Path.class) {
      for (FileNameCandidates.FileName f : files.list(typed)) {
        // a directory: not complete, so that completion goes on inside it; the slash goes away
        // when the word ends there
        out.add(
            new Candidate(
                prefix + f.value(),
                f.display(),
                null,
                null,
                f.directory() ? "/" : null,
                null,
                !f.directory()));
      }
    }
  }

  private static String firstLine(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    if (header.length > 0) {
      return header[0];
    }
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? null : d[0];
  }
}
