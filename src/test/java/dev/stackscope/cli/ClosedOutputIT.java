package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher writing to a pipe that closes and to a full disk (a fresh JVM). */
class ClosedOutputIT {
  private static final Path REPO =
      Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  /** Runs {@code script} with sh, the launcher as $1; fails when it takes longer than a minute. */
  private Run sh(String script) throws Exception {
    Path launcher = REPO.resolve("stackscope");
    assumeTrue(Files.isRegularFile(REPO.resolve("target/stackscope.jar")), "no target/stackscope.jar");
    File out = tmp.resolve("out").toFile();
    File err = tmp.resolve("err").toFile();
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script, "sh", launcher.toString());
    pb.environment().put("STACKSCOPE_SERVER", "off");
    pb.redirectOutput(out).redirectError(err).redirectInput(new File("/dev/null"));
    Process p = pb.start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertTrue(ended, "still running after 60 s: " + script);
    return new Run(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void aWatchIntoAPipeThatClosesEnds() throws Exception {
    // without the fix this never ends: the view goes on writing into the closed pipe
    Run r = sh("{ \"$1\" ps --interval 0 --watch=0.2; echo \"status $?\" >&2; } | head -1");
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("Every 0.2s: stackscope ps"), r::toString);
    assertEquals("status 141\n", r.err(), "quietly, with 141: " + r);
  }

  @Test
  void aFullDiskIsAnError() throws Exception {
    assumeTrue(new File("/dev/full").exists(), "no /dev/full");
    Run r = sh("\"$1\" ps --interval 0 > /dev/full");
    assertEquals(1, r.code(), r::toString);
    assertEquals("stackscope: cannot write to standard output: No space left on device\n", r.err());
  }
}
