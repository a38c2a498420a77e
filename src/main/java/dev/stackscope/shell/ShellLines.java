package dev.stackscope.shell;

import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;

/**
 * What the interactive and the scripted shell share: splitting a line into words (shell quoting,
 * JLine's parser), recognising {@code exit}, and running a line with an optional wall-time report.
 */
final class ShellLines {
  private final DefaultParser parser = new DefaultParser();
  private final LineRunner runner;
  private final boolean time;

  ShellLines(LineRunner runner, boolean time) {
    parser.setEofOnUnclosedQuote(true); // at the prompt: a continuation line; in a script: an error
    this.runner = runner;
    this.time = time;
  }

  DefaultParser parser() {
    return parser;
  }

  /** The words of a complete line; throws {@link EOFError} for an unclosed quote. */
  List<String> words(String line) {
    ParsedLine parsed = parser.parse(line, line.length(), ParseContext.ACCEPT_LINE);
    return words(parsed, line);
  }

  static List<String> words(ParsedLine parsed, String line) {
    List<String> words = new ArrayList<>(parsed.words());
    // The parser adds an empty word for the cursor after trailing blanks; it is not an argument.
    if (!words.isEmpty()
        && words.get(words.size() - 1).isEmpty()
        && (line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1)))) {
      words.remove(words.size() - 1);
    }
    return words;
  }

  /**
   * {@code exit} / {@code quit} with an optional code 0-255; null when the line is not one.
   *
   * @throws IllegalArgumentException for a code that is not a number 0-255 or for more than one
   *     argument (the message says which); the shell reports it and goes on, as bash does for too
   *     many arguments, rather than leaving with a code that was not asked for
   */
  static Integer exitCode(List<String> words, int last) {
    if (words.isEmpty()) {
      return null;
    }
    String first = words.get(0);
    if (!first.equals("exit") && !first.equals("quit")) {
      return null;
    }
    if (words.size() > 2) {
      throw new IllegalArgumentException(first + ": too many arguments (usage: " + first + " [N])");
    }
    if (words.size() == 2) {
      String n = words.get(1);
      if (n.isEmpty()
          || n.length() > 3
          || !n.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(n) > 255) {
        String shown = n.length() > 20 ? n.substring(0, 20) + "…" : n;
        throw new IllegalArgumentException(
            first + ": the exit code must be a number 0-255, not '" + shown + "'");
      }
      return Integer.parseInt(n);
    }
    return last;
  }

  /** Runs one line, reporting its wall time on stderr with --time. */
  int run(List<String> words, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    long start = System.nanoTime();
    int code = runner.run(words, out, err, terminal);
    if (time) {
      out.flush();
      err.println(
          String.format(
              Locale.ROOT,
              "stackscope: time %.1f ms: %s",
              (System.nanoTime() - start) / 1e6,
              dev.stackscope.output.Sanitizer.clean(String.join(" ", words))));
      err.flush();
    }
    return code;
  }
}
