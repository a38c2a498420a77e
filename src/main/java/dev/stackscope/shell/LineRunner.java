package dev.stackscope.shell;

import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.util.List;

/**
 * Runs one shell line (already split into words) and returns its exit code, writing only to the
 * given writers — the shape of {@code Main.run(args, out, err, terminal)}.
 */
@FunctionalInterface
public interface LineRunner {
  int run(List<String> words, PrintWriter out, PrintWriter err, TerminalInfo terminal);
}
