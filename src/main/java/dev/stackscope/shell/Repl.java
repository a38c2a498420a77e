package dev.stackscope.shell;

import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.jline.widget.TailTipWidgets;

/**
 * The interactive shell on a JLine terminal: a prompt with completion, a tail tip with the current
 * command's synopsis, history in a file (mode 0600, secrets masked: {@link HistoryFile}, {@link
 * MaskingHistory}), and each line run on a worker thread (Ctrl-C stops the command, not the shell).
 * Ctrl-D, {@code exit} or {@code quit} leave; a failing line's exit code is shown after its output.
 * Built-ins: {@code exit [N]}, {@code quit}, {@code clear}, {@code history}; everything else goes
 * to the {@link LineRunner}.
 */
public final class Repl {
  /**
   * What the shell is made of.
   *
   * @param completer completes the words of a line
   * @param describe the command description for the tail tip (null: none)
   * @param history the history file (null: history in memory only)
   * @param env the environment the commands see (TERM, NO_COLOR, LANG)
   */
  public record Config(
      Completer completer,
      Function<CmdLine, CmdDesc> describe,
      Path history,
      Map<String, String> env,
      boolean time) {}

  private final Terminal terminal;
  private final Config config;
  private final ShellLines lines;

  public Repl(Terminal terminal, LineRunner runner, Config config) {
    this.terminal = terminal;
    this.config = config;
    this.lines = new ShellLines(runner, config.time());
  }

  /** Reads and runs lines until Ctrl-D or {@code exit}; returns the exit code to leave with. */
  public int run() {
    LineReader reader = reader();
    boolean fancy = !isDumb();
    if (fancy && config.describe() != null) {
      TailTipWidgets tips =
          new TailTipWidgets(reader, config.describe(), 3, TailTipWidgets.TipType.COMBINED);
      tips.enable();
    }
    String prompt = prompt();
    PrintWriter err = terminal.writer();
    int last = 0;
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt drops the line
        } catch (EndOfFileException e) {
          break;
        }
        List<String> words = ShellLines.words(reader.getParsedLine(), line);
        if (words.isEmpty()) {
          continue;
        }
        Integer exit;
        try {
          exit = ShellLines.exitCode(words, last);
        } catch (IllegalArgumentException e) {
          err.println("stackscope: " + dev.stackscope.output.Sanitizer.clean(e.getMessage()));
          last = 2;
          showExitCode(last);
          continue;
        }
        if (exit != null) {
          return exit;
        }
        if (builtin(words, reader)) {
          last = 0;
          continue;
        }
        TerminalInfo info = new TerminalInfo(true, env());
        last = new CommandWorker(terminal).run(out -> lines.run(words, out, out, info), err);
        if (last != 0) {
          showExitCode(last);
        }
      }
    } finally {
      saveHistory(reader);
    }
    return last;
  }

  private LineReader reader() {
    LineReaderBuilder b =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("stackscope")
            .parser(lines.parser())
            .completer(config.completer())
            .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
            .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.AUTO_GROUP, true)
            .option(LineReader.Option.GROUP, true)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P> ");
    if (config.history() != null) {
      HistoryFile.protect(config.history());
      b.variable(LineReader.HISTORY_FILE, config.history());
    }
    b.history(new MaskingHistory());
    return b.build();
  }

  private boolean builtin(List<String> words, LineReader reader) {
    switch (words.get(0)) {
      case "clear" -> {
        terminal.puts(Capability.clear_screen);
        terminal.flush();
        return true;
      }
      case "history" -> {
        History h = reader.getHistory();
        for (History.Entry e : h) {
          terminal
              .writer()
              .printf("%5d  %s%n", e.index() + 1, dev.stackscope.output.Sanitizer.clean(e.line()));
        }
        terminal.flush();
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(config.env());
    env.put("COLUMNS", Integer.toString(Math.max(1, terminal.getWidth())));
    env.put("LINES", Integer.toString(Math.max(1, terminal.getHeight())));
    if (isDumb()) {
      env.put("TERM", "dumb");
    }
    return env;
  }

  private boolean isDumb() {
    String type = terminal.getType();
    return type == null || type.startsWith(Terminal.TYPE_DUMB);
  }

  private boolean color() {
    String noColor = config.env().get("NO_COLOR");
    return !isDumb() && (noColor == null || noColor.isEmpty());
  }

  private String prompt() {
    if (!color()) {
      return "stackscope> ";
    }
    return new AttributedStringBuilder()
        .styled(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN), "stackscope")
        .append("> ")
        .toAnsi(terminal);
  }

  private void showExitCode(int code) {
    AttributedString s =
        color()
            ? new AttributedString(
                "exit " + code, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
            : new AttributedString("exit " + code);
    terminal.writer().println(s.toAnsi(terminal));
    terminal.flush();
  }

  private static void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (java.io.IOException e) {
      // the next session starts without this one's lines; nothing to tell the user at exit
    }
  }
}
