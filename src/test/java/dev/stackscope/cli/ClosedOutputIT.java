package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher writing to a pipe that closes and to a full disk (a fresh JVM). */
class ClosedOutputIT {
  private static final Path REPO =
      Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();

  @TempDir Path tmp;

  /** Runs {@code script} with sh, the launcher as $1; fails when it takes longer than a minute. */
  private CliRunner.Result sh(String script) {
    Path launcher = REPO.resolve("stackscope");
    assumeTrue(
        Files.isRegularFile(REPO.resolve("target/stackscope.jar")), "no target/stackscope.jar");
    return CliRunner.exec(
        tmp,
        Map.of("STACKSCOPE_SERVER", "off"),
        Duration.ofMinutes(1),
        List.of("sh", "-c", script, "sh", launcher.toString()));
  }

  @Test
  void aWatchIntoAPipeThatClosesEnds() throws Exception {
    // without the fix this never ends: the view goes on writing into the closed pipe
    CliRunner.Result r =
        sh("{ \"$1\" ps --interval 0 --watch=0.2; echo \"status $?\" >&2; } | head -1");
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("Every 0.2s: stackscope ps"), r::toString);
    assertEquals("status 141\n", r.err(), "quietly, with 141: " + r);
  }

  @Test
  void aFullDiskIsAnError() throws Exception {
    assumeTrue(new File("/dev/full").exists(), "no /dev/full");
    CliRunner.Result r = sh("\"$1\" ps --interval 0 > /dev/full");
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("stackscope: cannot write to standard output: No space left on device\n", r.err());
  }
}
