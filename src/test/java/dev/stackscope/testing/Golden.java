package dev.stackscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: rendered output is compared with a file under src/test/resources, so a
 * change in output is a reviewed diff. Run with {@code -Dstackscope.updateGolden=true} to rewrite
 * the files after an intended change.
 */
public final class Golden {
  private Golden() {}

  /**
   * Asserts that {@code actual} equals the golden file {@code resource} (a classpath-style path).
   */
  public static void assertMatches(String resource, String actual) {
    Path file =
        Path.of(System.getProperty("stackscope.repo", "."))
            .resolve("src/test/resources")
            .resolve(resource);
    try {
      if (Boolean.getBoolean("stackscope.updateGolden")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(expected, actual, "output differs from golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "golden file " + file + " (create it with -Dstackscope.updateGolden=true)", e);
    }
  }
}
