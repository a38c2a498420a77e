package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * proc's limits on this machine from a real nested cgroup: a parent {@code ss-N} with a memory and
 * a pids limit, a child without, and a sleep in the child. The limits shown are the parent's, named
 * as set by it. cgroup v2 (at /sys/fs/cgroup) or v1 (its memory and pids hierarchies); skips,
 * saying why, where /sys/fs/cgroup is not writable (not root, a read-only mount).
 */
class NestedCgroupLimitsLiveTest {
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private static final long MEMORY = 48L * 1024 * 1024;
  private static final long PIDS = 77;

  private final List<Path> created = new ArrayList<>();
  private Process sleep;

  @AfterEach
  void removeCgroups() throws Exception {
    if (sleep != null) {
      sleep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (int i = created.size() - 1; i >= 0; i--) {
      Path dir = created.get(i);
      for (int tries = 0; tries < 40 && Files.exists(dir); tries++) {
        try {
          Files.delete(dir); // rmdir: once the process has gone
        } catch (IOException e) {
          Thread.sleep(50);
        }
      }
    }
  }

  @Test
  void anAncestorsLimitsAreTheTightestAndNamed() throws Exception {
    String parent = "ss-" + UUID.randomUUID().toString().substring(0, 8);
    sleep = new ProcessBuilder("sleep", "300").start();
    String pid = Long.toString(sleep.pid());
    if (Files.exists(CGROUP.resolve("cgroup.controllers"))) {
      String controllers = Files.readString(CGROUP.resolve("cgroup.controllers"));
      Assumptions.assumeTrue(
          controllers.contains("memory") && controllers.contains("pids"),
          "cgroup v2 without the memory and pids controllers");
      Path p = mkdir(CGROUP.resolve(parent));
      Files.writeString(p.resolve("cgroup.subtree_control"), "+memory +pids");
      Path c = mkdir(p.resolve("child"));
      Files.writeString(p.resolve("memory.max"), Long.toString(MEMORY));
      Files.writeString(p.resolve("pids.max"), Long.toString(PIDS));
      Files.writeString(c.resolve("cgroup.procs"), pid);
    } else {
      for (String h : List.of("memory", "pids")) {
        Assumptions.assumeTrue(
            Files.isDirectory(CGROUP.resolve(h)), "no cgroup v1 " + h + " hierarchy");
      }
      Path pm = mkdir(CGROUP.resolve("memory").resolve(parent));
      Path cm = mkdir(pm.resolve("child"));
      Path pp = mkdir(CGROUP.resolve("pids").resolve(parent));
      Path cp = mkdir(pp.resolve("child"));
      Files.writeString(pm.resolve("memory.limit_in_bytes"), Long.toString(MEMORY));
      Files.writeString(pp.resolve("pids.max"), Long.toString(PIDS));
      Files.writeString(cm.resolve("cgroup.procs"), pid);
      Files.writeString(cp.resolve("cgroup.procs"), pid);
    }

    Result r = new CliRunner().run("proc", pid, "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode limits = r.json().path("limits");
    assertEquals(MEMORY, limits.path("memory").path("max").asLong(), limits.toString());
    assertEquals("/" + parent, limits.path("memory").path("inheritedFrom").asText());
    assertEquals(PIDS, limits.path("pids").path("max").asLong(), limits.toString());
    assertEquals("/" + parent, limits.path("pids").path("inheritedFrom").asText());
    assertEquals(1, limits.path("pids").path("current").asLong(), limits.toString());
    String text = new CliRunner().run("proc", pid).out();
    assertTrue(text.contains(" of 48.0M (") && text.contains("set by /" + parent), text);
  }

  /** mkdir in the cgroup file system, skipping the test where it is not writable. */
  private Path mkdir(Path dir) {
    try {
      Files.createDirectory(dir);
    } catch (IOException e) {
      Assumptions.abort("cannot make a cgroup (" + e + "): needs root and a writable cgroup fs");
    }
    created.add(dir);
    return dir;
  }
}
