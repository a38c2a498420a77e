package dev.stackscope.shell;

import dev.stackscope.output.Sanitizer;
import dev.stackscope.output.TerminalInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jline.reader.EOFError;

/**
 * The shell reading lines that are not typed at a terminal ({@code printf 'ports\nifaces\n' |
 * stackscope shell}): no prompt, no echo, no line editing; each line runs in turn on the given
 * writers; blank lines and {@code #} comments are skipped; at end of input (or {@code exit}) it
 * returns the last line's exit code, like {@code sh}.
 */
public final class ScriptShell {
  private final ShellLines lines;

  public ScriptShell(LineRunner runner, boolean time) {
    this.lines = new ShellLines(runner, time);
  }

  public int run(BufferedReader in, PrintWriter out, PrintWriter err, TerminalInfo terminal)
      throws IOException {
    int last = 0;
    int number = 0;
    String line;
    while ((line = in.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      List<String> words;
      try {
        words = lines.words(line);
      } catch (EOFError e) {
        err.println("stackscope: line " + number + ": " + Sanitizer.clean(e.getMessage()));
        err.flush();
        last = 2;
        continue;
      }
      Integer exit;
      try {
        exit = ShellLines.exitCode(words, last);
      } catch (IllegalArgumentException e) {
        err.println("stackscope: line " + number + ": " + Sanitizer.clean(e.getMessage()));
        err.flush();
        last = 2;
        continue;
      }
      if (exit != null) {
        return exit;
      }
      last = lines.run(words, out, err, terminal);
      out.flush();
    }
    return last;
  }
}
