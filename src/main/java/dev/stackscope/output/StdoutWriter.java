package dev.stackscope.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 writer for standard output that remembers why a write failed. {@link PrintWriter} (and
 * {@link PrintStream}) swallow write errors and keep only a flag; this one keeps the first {@link
 * IOException}, so that {@link Output#checkWritten()} can tell a reader that went away (EPIPE, a
 * quiet end) from a full disk (ENOSPC, a message). After the first failure nothing more is written.
 */
public final class StdoutWriter extends PrintWriter {
  private final Guard guard;

  private StdoutWriter(Guard guard) {
    super(new OutputStreamWriter(guard, StandardCharsets.UTF_8), true);
    this.guard = guard;
  }

  /** A writer on {@code out} (a file descriptor's stream, or a {@link PrintStream} in tests). */
  public static StdoutWriter of(OutputStream out) {
    return new StdoutWriter(new Guard(out));
  }

  /** The first failed write's exception, or null while every write has succeeded. */
  public IOException failure() {
    flush();
    return guard.failure;
  }

  /** Passes bytes on until the first failure, then refuses every write with that failure. */
  private static final class Guard extends FilterOutputStream {
    private volatile IOException failure;

    Guard(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      failIfFailed();
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
      checkPrintStream();
    }

    @Override
    public void flush() throws IOException {
      failIfFailed();
      try {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
      checkPrintStream();
    }

    private void failIfFailed() throws IOException {
      if (failure != null) {
        throw failure;
      }
    }

    private IOException failed(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return failure;
    }

    // A PrintStream swallows its errors: its flag is all there is to see (checkError flushes).
    private void checkPrintStream() throws IOException {
      if (out instanceof PrintStream ps && ps.checkError()) {
        throw failed(new IOException("write error"));
      }
    }
  }
}
