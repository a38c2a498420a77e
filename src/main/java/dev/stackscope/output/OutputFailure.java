package dev.stackscope.output;

import java.io.IOException;
import java.util.Locale;

/**
 * Standard output could not be written: the run ends. {@link #brokenPipe()} when its reader went
 * away (EPIPE: {@code stackscope ps --watch | head -1}), which ends the run quietly; any other
 * failure (ENOSPC: {@code stackscope ps > /dev/full}) is an error with a message.
 */
public final class OutputFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputFailure(IOException cause) {
    super("cannot write to standard output: " + reason(cause), cause);
  }

  /** The reader of standard output went away (EPIPE; a socket reset by its peer). */
  public boolean brokenPipe() {
    String m = getCause().getMessage();
    if (m == null) {
      return false;
    }
    String lower = m.toLowerCase(Locale.ROOT);
    return lower.contains("broken pipe") || lower.contains("connection reset");
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
