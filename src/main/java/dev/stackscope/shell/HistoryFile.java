package dev.stackscope.shell;

import java.nio.file.Path;
import java.util.Map;

/** Where the shell keeps its history: $STACKSCOPE_HISTORY, else ~/.stackscope_history. */
public final class HistoryFile {
  public static final String NAME = ".stackscope_history";

  private HistoryFile() {}

  /**
   * The history path for an environment. $HOME wins over the JVM's user.home (which comes from the
   * password database), so a test or a sudo session with its own HOME gets its own history.
   */
  public static Path resolve(Map<String, String> env) {
    String explicit = env.get("STACKSCOPE_HISTORY");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, NAME);
  }
}
