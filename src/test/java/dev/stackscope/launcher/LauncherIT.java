package dev.stackscope.launcher;

import static dev.stackscope.testing.Wait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher from a clean copy of the working tree: builds itself on first use, then runs; any
 * cwd; symlinks; the warm server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
  private static final String SELF = Long.toString(ProcessHandle.current().pid());
  private static final Path REPO =
      Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();

  @TempDir static Path tmp;
  static Path clone;

  /**
   * A copy of the working tree as a fresh clone would have it, but with the changes not yet
   * committed: every file git tracks or would track (not the ignored target/), as it is on disk.
   */
  @BeforeAll
  static void copyTheWorkingTree() throws Exception {
    assumeTrue(
        Files.exists(REPO.resolve(".git")),
        "not a git checkout: " + REPO); // a worktree: a .git file
    clone = tmp.resolve("clone");
    CliRunner.Result files =
        run(REPO, List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"));
    assertEquals(0, files.exitCode(), files.err());
    int copied = 0;
    for (String name : files.out().split("\0")) {
      Path source = REPO.resolve(name);
      if (name.isEmpty() || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        continue; // deleted in the working tree
      }
      Path target = clone.resolve(name);
      Files.createDirectories(target.getParent());
      Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      copied++;
    }
    assertTrue(
        Files.isExecutable(clone.resolve("stackscope")),
        "copied " + copied + " files, the launcher among them");
  }

  static CliRunner.Result run(Path cwd, List<String> command) {
    return CliRunner.exec(cwd, Map.of(), Duration.ofMinutes(10), command);
  }

  @Test
  @Order(1)
  void firstRunBuildsThenRunsFromAnyDirectoryAndThroughASymlink() throws Exception {
    CliRunner.Result first = run(tmp, List.of(clone.resolve("stackscope").toString(), "--version"));
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().startsWith("stackscope "), first.out());
    assertEquals("building stackscope…\n", first.err(), "one-line build note on stderr");

    CliRunner.Result second =
        run(Path.of("/"), List.of(clone.resolve("stackscope").toString(), "--version"));
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(first.out(), second.out());
    assertFalse(second.err().contains("building"), "no rebuild when the jar is current");

    Path link = tmp.resolve("bin/ss-link");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, clone.resolve("stackscope"));
    CliRunner.Result viaLink = run(tmp, List.of(link.toString(), "--help"));
    assertEquals(0, viaLink.exitCode(), viaLink.err());
    assertTrue(viaLink.out().contains("Usage: stackscope"), viaLink.out());

    CliRunner.Result bad = run(tmp, List.of(link.toString(), "--no-such-option"));
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().startsWith("stackscope: Unknown option"), bad.err());
  }

  @Test
  @Order(2)
  void theFirstRunStartsAWarmServerThatRunsTheNextOnes() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/cc")) || Files.isExecutable(Path.of("/usr/bin/gcc")),
        "no C compiler: the launcher runs every command in a fresh JVM");
    Path launcher = clone.resolve("stackscope");
    // A secret in the environment of the run that starts the server must not stay in the server.
    CliRunner.Result first =
        run(
            tmp,
            List.of(
                "env", "STACKSCOPE_TEST_SECRET=hunter2", launcher.toString(), "tree", "-p", SELF));
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(
        Files.isExecutable(clone.resolve("target/stackscope-client")), "the client was built");
    String jar = clone.toRealPath().resolve("target/stackscope.jar").toString();
    Path socket =
        dev.stackscope.server.SocketPath.socket(jar, dev.stackscope.server.SocketPath.currentUid());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(socket)) {
      assertTrue(System.nanoTime() < deadline, "no server started for " + jar + " at " + socket);
      Thread.sleep(100);
    }
    try {
      Path lock = socket.resolveSibling(socket.getFileName().toString().replace(".sock", ".lock"));
      waitFor(
          () -> Files.exists(lock) && !Files.readString(lock).isEmpty(),
          "the server's PID in " + lock);
      Path cwd = Files.readSymbolicLink(Path.of("/proc", Files.readString(lock).trim(), "cwd"));
      assertEquals(
          Path.of("/"),
          cwd,
          "the server keeps no directory busy (the first run's was " + tmp + ")");
      String environ = Files.readString(Path.of("/proc", Files.readString(lock).trim(), "environ"));
      assertFalse(
          environ.contains("STACKSCOPE_TEST_SECRET"),
          "the first run's environment stays out: " + environ);
      assertTrue(environ.contains("PATH="), environ);
      CliRunner.Result warm =
          run(
              Path.of("/"),
              List.of("env", "STACKSCOPE_SERVER=require", launcher.toString(), "proc", SELF));
      assertEquals(0, warm.exitCode(), warm.err());
      assertTrue(warm.out().contains("pid"), warm.out());
      CliRunner.Result notServed =
          run(tmp, List.of("env", "STACKSCOPE_SERVER=require", launcher.toString(), "nat"));
      assertEquals(1, notServed.exitCode());
      assertEquals(
          "stackscope: the warm server did not run this command: not a served command\n",
          notServed.err());
      CliRunner.Result off =
          run(tmp, List.of("env", "STACKSCOPE_SERVER=off", launcher.toString(), "proc", SELF));
      assertEquals(warm.exitCode(), off.exitCode(), off.err());
    } finally {
      Files.deleteIfExists(socket); // the server sees its socket gone and exits
    }
  }

  @Test
  @Order(3)
  void aWorkingDirectoryTheUserCannotEnterAgainIsNoObstacle() throws Exception {
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "no setpriv(1) (util-linux)");
    assumeTrue(
        dev.stackscope.server.SocketPath.currentUid() == 0, "needs root to become another user");
    // The clone must be readable by that user; its working directory (like /root) must not be.
    Files.setPosixFilePermissions(
        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Files.setPosixFilePermissions(
        locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    CliRunner.Result r =
        run(
            locked,
            List.of(
                setpriv.toString(),
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "env",
                "STACKSCOPE_SERVER=off",
                "STACKSCOPE_NO_CDS=1",
                clone.resolve("stackscope").toString(),
                "ip",
                "--brief",
                "10.0.0.1"));
    assertEquals("", r.err());
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("10.0.0.1"), r.out());
  }

  @Test
  @Order(4)
  void aDeletedWorkingDirectoryRunsTheCommandWithoutNoiseFromTheLauncher() throws Exception {
    Path gone = Files.createDirectories(tmp.resolve("gone"));
    String script =
        "cd "
            + gone
            + " && rmdir "
            + gone
            + " && exec "
            + clone.resolve("stackscope")
            + " ip --brief 10.0.0.1";
    CliRunner.Result r = run(tmp, List.of("env", "STACKSCOPE_SERVER_IDLE=5", "sh", "-c", script));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("10.0.0.1"), r.out());
    // /bin/sh (dash) warns "getcwd() failed" as it initialises, before it has opened the script
    // (strace: the write comes before the openat of the script), whenever $PWD no longer names
    // the working directory: a script with no line at all, run the same way, says the same, and
    // the launcher adds nothing to it.
    Path empty = Files.writeString(tmp.resolve("empty.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        empty, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path gone2 = Files.createDirectories(tmp.resolve("gone2"));
    CliRunner.Result shell =
        run(tmp, List.of("sh", "-c", "cd " + gone2 + " && rmdir " + gone2 + " && exec " + empty));
    assertEquals(0, shell.exitCode(), shell.err());
    assertEquals(shell.err(), r.err());
  }
}
