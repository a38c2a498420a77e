package dev.stackscope.shell;

import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * The shell's terminal, visible to the command running on the shell's worker thread, so that a
 * {@code --watch} view started inside the shell draws on the same terminal instead of opening a
 * second one on the same tty.
 */
public final class SharedTerminal {
  private static final ThreadLocal<Terminal> CURRENT = new ThreadLocal<>();

  private SharedTerminal() {}

  public static Optional<Terminal> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  static void set(Terminal terminal) {
    CURRENT.set(terminal);
  }

  static void clear() {
    CURRENT.remove();
  }
}
