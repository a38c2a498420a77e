package dev.stackscope.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher from a clean clone: builds itself on first use, then runs; any cwd; symlinks. */
class LauncherIT {
  private static final Path REPO = Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();

  @TempDir static Path tmp;
  static Path clone;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void cloneRepo() throws Exception {
    assumeTrue(Files.isDirectory(REPO.resolve(".git")), "not a git checkout: " + REPO);
    clone = tmp.resolve("clone");
    Run r = run(tmp, List.of("git", "clone", "-q", REPO.toString(), clone.toString()));
    assertEquals(0, r.code(), r.err());
  }

  static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
    File out = Files.createTempFile(tmp, "out", ".txt").toFile();
    File err = Files.createTempFile(tmp, "err", ".txt").toFile();
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + command);
    return new Run(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void firstRunBuildsThenRunsFromAnyDirectoryAndThroughASymlink() throws Exception {
    Run first = run(tmp, List.of(clone.resolve("stackscope").toString(), "--version"));
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().startsWith("stackscope "), first.out());
    assertEquals("building stackscope…\n", first.err(), "one-line build note on stderr");

    Run second = run(Path.of("/"), List.of(clone.resolve("stackscope").toString(), "--version"));
    assertEquals(0, second.code(), second.err());
    assertEquals(first.out(), second.out());
    assertFalse(second.err().contains("building"), "no rebuild when the jar is current");

    Path link = tmp.resolve("bin/ss-link");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, clone.resolve("stackscope"));
    Run viaLink = run(tmp, List.of(link.toString(), "--help"));
    assertEquals(0, viaLink.code(), viaLink.err());
    assertTrue(viaLink.out().contains("Usage: stackscope"), viaLink.out());

    Run bad = run(tmp, List.of(link.toString(), "--no-such-option"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("stackscope: Unknown option"), bad.err());
  }
}
