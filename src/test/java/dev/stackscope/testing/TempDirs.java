package dev.stackscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary directories real servers ran in. */
public final class TempDirs {
  private TempDirs() {}

  /**
   * Deletes {@code dir} and everything below it, as far as it can: a server still exiting may
   * remove its own files (a pid file) during the walk, and a directory left behind is harmless.
   */
  public static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
