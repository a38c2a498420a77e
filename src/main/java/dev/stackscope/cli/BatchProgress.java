package dev.stackscope.cli;

import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import dev.stackscope.output.TerminalInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * "ip: 12000 lines read" on the run's {@link ProgressLine} while a batch (inputs from a file or
 * stdin) is read. Only while the results go elsewhere than the terminal: streamed to the same
 * terminal, they are their own progress, and a line redrawn between them would be torn. Lines are
 * counted as their bytes pass (the line separator, or NUL with -0), so the work pays nothing per
 * input beyond one comparison per byte, and only when the line is on.
 */
public final class BatchProgress implements AutoCloseable {
  private final ProgressLine line;
  private final String command;
  private volatile long records;

  BatchProgress(ProgressLine line, String command) {
    this.line = line;
    this.command = command;
  }

  /** The progress of {@code command}'s batch: on when stderr is a terminal and stdout is not. */
  public static BatchProgress forRun(Output out, TerminalInfo terminal, String command) {
    return new BatchProgress(
        terminal.interactive() ? ProgressLine.off() : ProgressLine.forRun(out.stderr(), terminal),
        command);
  }

  /** No line at all. */
  public static BatchProgress off() {
    return new BatchProgress(ProgressLine.off(), "");
  }

  /** {@code in}, with its records counted for the line (separated by NUL when {@code nul}). */
  public InputStream counting(InputStream in, boolean nul) {
    if (!line.on() || in == null) {
      return in;
    }
    int separator = nul ? 0 : '\n';
    line.follow(() -> command + ": " + records + (records == 1 ? " line" : " lines") + " read");
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b == separator) {
          records++;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        long seen = 0;
        for (int i = off; i < off + n; i++) {
          if (b[i] == separator) {
            seen++;
          }
        }
        if (seen > 0) {
          records += seen;
        }
        return n;
      }
    };
  }

  /** Prints a note on stderr with the line erased first (see {@link ProgressLine#aside}). */
  public <E extends Exception> void aside(ProgressLine.Action<E> print) throws E {
    line.aside(print);
  }

  @Override
  public void close() {
    line.close();
  }
}
