package dev.stackscope.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What stdout is connected to: an interactive terminal (with its width, locale and colour support)
 * or a pipe/file; and whether stderr is a terminal, where progress lines are drawn. Detection is
 * cheap: no terminal library is loaded at start-up; the width is looked up only when a renderer
 * asks and stdout is a terminal.
 */
public final class TerminalInfo {
  private final boolean interactive;
  private final boolean stderrTerminal;
  private final Map<String, String> env;
  private int width = -1;

  /** Stdout interactive or not; stderr taken for no terminal. */
  public TerminalInfo(boolean interactive, Map<String, String> env) {
    this(interactive, false, env);
  }

  public TerminalInfo(boolean interactive, boolean stderrTerminal, Map<String, String> env) {
    this.interactive = interactive;
    this.stderrTerminal = stderrTerminal;
    this.env = env;
  }

  /** A pipe: not interactive, given environment. */
  public static TerminalInfo pipe(Map<String, String> env) {
    return new TerminalInfo(false, env);
  }

  /** The process's own stdout and stderr. */
  public static TerminalInfo system() {
    return new TerminalInfo(stdoutIsTerminal(), stderrIsTerminal(), System.getenv());
  }

  public boolean interactive() {
    return interactive;
  }

  /**
   * Whether stderr is a terminal too, so that a progress line redrawn in place there is seen and
   * not left in a log file (stdout may be a terminal while stderr is redirected).
   */
  public boolean stderrTerminal() {
    return stderrTerminal;
  }

  /** Terminal width in columns, 0 when not a terminal (unlimited). */
  public int width() {
    if (!interactive) {
      return 0;
    }
    if (width < 0) {
      width = lookUpWidth();
    }
    return width;
  }

  /** The locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG). */
  public boolean utf8() {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
      }
    }
    return false;
  }

  /** Colour under --color=auto: a terminal, NO_COLOR unset or empty, and TERM not dumb. */
  public boolean colorByDefault() {
    String noColor = env.get("NO_COLOR");
    return interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  public Map<String, String> env() {
    return env;
  }

  private int lookUpWidth() {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int c = Integer.parseInt(columns.trim());
        if (c > 0) {
          return c;
        }
      } catch (NumberFormatException ignored) {
        // fall through to stty
      }
    }
    File tty = new File("/dev/tty");
    if (tty.exists()) {
      try {
        Process p = new ProcessBuilder("stty", "size").redirectInput(tty).start();
        if (p.waitFor(500, TimeUnit.MILLISECONDS) && p.exitValue() == 0) {
          String[] parts =
              new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                  .trim()
                  .split("\\s+");
          if (parts.length == 2) {
            return Integer.parseInt(parts[1]);
          }
        } else {
          p.destroy();
        }
      } catch (IOException | NumberFormatException e) {
        // no stty: the default below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 80;
  }

  /** This JVM's stderr is a terminal device. */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    // JDK 22+ returns a console even when redirected; isTerminal() tells the truth there.
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK < 22: a console means stdin and stdout are both terminals
    }
  }
}
