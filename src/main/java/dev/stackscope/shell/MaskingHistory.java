package dev.stackscope.shell;

import dev.stackscope.process.Secrets;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history with secrets masked as lines are added ({@link Secrets#maskLine}), so that a
 * password typed in a command ({@code explain https://user:pw@host/}, {@code --token X}) never
 * reaches the history file. Recalling such a line gives it masked: type the secret again.
 */
final class MaskingHistory extends DefaultHistory {
  static final String MASK = "•••";

  @Override
  public void add(Instant time, String line) {
    super.add(time, Secrets.maskLine(line, MASK));
  }
}
