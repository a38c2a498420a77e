package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.Containers;
import dev.stackscope.testing.Containers.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ps, tree and proc on this machine against real containers ({@link Containers}: podman and docker,
 * busybox httpd, --memory 64m) and a systemd unit emulated without systemd (a cgroup {@code
 * system.slice/demo-N.service} holding a sleep). Skips, naming what is missing, without root,
 * podman, docker or busybox-static.
 */
class ContainersLiveTest {
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");

  private static Containers containers;
  private static Process unitProcess;
  private static final List<Path> unitDirs = new ArrayList<>();
  private static final List<Path> createdSlices = new ArrayList<>();
  private static String unitName;
  private static String unitMissing;

  @BeforeAll
  static void start() throws Exception {
    containers = Containers.start("ssid");
    startUnit();
  }

  /** A sleep placed in system.slice/demo-N.service of the systemd and v2 hierarchies. */
  private static void startUnit() throws IOException, InterruptedException {
    unitName = "demo-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
    List<Path> hierarchies = new ArrayList<>();
    if (Files.exists(CGROUP.resolve("cgroup.controllers"))) {
      hierarchies.add(CGROUP); // cgroup v2 alone
    } else {
      for (String h : List.of("systemd", "unified")) {
        if (Files.exists(CGROUP.resolve(h).resolve("cgroup.procs"))) {
          hierarchies.add(CGROUP.resolve(h));
        }
      }
    }
    if (hierarchies.isEmpty() || !Files.isWritable(hierarchies.get(0).resolve("cgroup.procs"))) {
      unitMissing = "no writable cgroup hierarchy to emulate a unit in (needs root)";
      return;
    }
    unitProcess = new ProcessBuilder("sleep", "300").start();
    for (Path h : hierarchies) {
      Path slice = h.resolve("system.slice");
      if (!Files.isDirectory(slice)) {
        Files.createDirectory(slice);
        createdSlices.add(slice);
      }
      Path dir = Files.createDirectory(slice.resolve(unitName));
      unitDirs.add(dir);
      Files.writeString(dir.resolve("cgroup.procs"), Long.toString(unitProcess.pid()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (unitProcess != null) {
      unitProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (Path dir : unitDirs) {
      for (int i = 0; i < 40 && Files.exists(dir); i++) {
        try {
          Files.delete(dir); // rmdir: once the process has gone
        } catch (IOException e) {
          Thread.sleep(50);
        }
      }
    }
    for (Path slice : createdSlices) {
      Files.deleteIfExists(slice);
    }
    if (containers != null) {
      containers.close();
    }
  }

  private static Container container(String runtime) {
    return runtime.equals("podman") ? containers.podman() : containers.docker();
  }

  private static Result run(String... args) {
    Result r = new CliRunner().run(args);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  private static void assertContainer(Container c, JsonNode json, String where) {
    assertEquals(c.runtime(), json.path("runtime").asText(), where);
    assertEquals(c.id(), json.path("id").asText(), where);
    assertEquals(c.name(), json.path("name").asText(), where);
    assertEquals(c.image(), json.path("image").asText(), where);
  }

  private static JsonNode row(JsonNode rows, long pid) {
    for (JsonNode r : rows) {
      if (r.path("pid").asLong() == pid) {
        return r;
      }
    }
    return null;
  }

  /** ps --container NAME lists the container's httpd with its id, name and image. */
  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void psByNameAndIdPrefix(String runtime) {
    Container c = container(runtime);
    JsonNode rows = run("ps", "--interval", "0", "--json", "--container", c.name()).json();
    JsonNode httpd = row(rows, c.pid());
    assertNotNull(httpd, "httpd " + c.pid() + " in " + rows);
    assertContainer(c, httpd.path("container"), "ps --container " + c.name());
    for (JsonNode r : rows) {
      assertEquals(c.id(), r.path("container").path("id").asText(), "only its processes: " + r);
    }
    assertFalse(httpd.path("netns").path("inode").isMissingNode());
    JsonNode byId =
        run("ps", "--interval", "0", "--json", "--container", c.id().substring(0, 12)).json();
    assertNotNull(row(byId, c.pid()), "by id prefix");
    // and the plain listing shows its CONTAINER column with the name on the httpd's row
    Result text = run("ps", "--interval", "0", "--match", "^busybox$");
    String header = text.lines().get(0);
    assertTrue(header.contains("CONTAINER"), header);
  }

  /** tree --container shows the container's tree; the parent's tree marks where it starts. */
  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void tree(String runtime) {
    Container c = container(runtime);
    JsonNode trees = run("tree", "--container", c.name(), "--json").json();
    assertEquals(c.pid(), trees.get(0).path("pid").asLong(), trees.toString());
    assertContainer(c, trees.get(0).path("container"), "tree --container");
    long ppid = trees.get(0).path("ppid").asLong();
    Result parent = run("tree", "-p", Long.toString(ppid));
    String line =
        parent.lines().stream()
            .filter(l -> l.contains("(" + c.pid() + ")"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(parent.out()));
    assertTrue(line.contains("[" + c.name() + ": " + c.image() + "]"), line);
  }

  /** proc shows the container, another network namespace and the 64 MiB memory limit. */
  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void procLimitsAndNamespaces(String runtime) {
    Container c = container(runtime);
    JsonNode proc = run("proc", Long.toString(c.pid()), "--json").json();
    assertContainer(c, proc.path("container"), "proc");
    assertEquals(Containers.MEMORY_LIMIT, proc.path("limits").path("memory").path("max").asLong());
    assertTrue(proc.path("limits").path("memory").path("current").asLong() > 0, proc.toString());
    JsonNode net = proc.path("namespaces").path("net");
    assertTrue(net.path("inode").asLong() > 0, proc.toString());
    if (!net.path("host").isNull()) {
      assertFalse(net.path("host").asBoolean(), "the container's network namespace is its own");
    }
    assertEquals(net.path("inode").asLong(), proc.path("netns").path("inode").asLong());
  }

  /**
   * Docker's hostconfig.json read back as set: --memory 64m, --cpus 0.5, --pids-limit 100,
   * --restart on-failure:2, --network bridge (docker stores "default" without it), -p
   * 127.0.0.1:P:8080; the cgroup's limits agree.
   */
  @Test
  void dockerHostConfigReadBackAsSet() {
    Container c = containers.docker();
    JsonNode proc = run("proc", Long.toString(c.pid()), "--json").json();
    JsonNode conf = proc.path("container").path("configured");
    assertEquals(Containers.MEMORY_LIMIT, conf.path("memory").asLong(), proc.toString());
    assertEquals(Containers.DOCKER_CPUS, conf.path("cpus").asDouble(), 1e-9);
    assertEquals(Containers.DOCKER_PIDS_LIMIT, conf.path("pidsLimit").asLong());
    assertEquals("on-failure", conf.path("restartPolicy").asText());
    assertEquals(2, conf.path("restartRetries").asInt());
    assertEquals("bridge", conf.path("networkMode").asText());
    JsonNode binding = conf.path("portBindings").get(0);
    assertEquals(1, conf.path("portBindings").size(), conf.toString());
    assertEquals(Containers.CONTAINER_PORT, binding.path("containerPort").asInt());
    assertEquals("tcp", binding.path("protocol").asText());
    assertEquals("127.0.0.1", binding.path("hostIp").asText());
    assertEquals(c.hostPort(), binding.path("hostPort").asInt());
    JsonNode limits = proc.path("limits");
    assertEquals(Containers.DOCKER_PIDS_LIMIT, limits.path("pids").path("max").asLong());
    assertEquals(Containers.DOCKER_CPUS, limits.path("cpu").path("cpus").asDouble(), 1e-9);
    String text = run("proc", Long.toString(c.pid())).out();
    assertTrue(text.contains("restart    on-failure (2 tries)"), text);
  }

  /** A process in system.slice/demo-N.service is of that unit in ps and proc. */
  @Test
  void emulatedUnit() {
    Assumptions.assumeTrue(unitProcess != null, () -> "no emulated unit: " + unitMissing);
    JsonNode rows = run("ps", "--interval", "0", "--json", "--unit", unitName).json();
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(unitProcess.pid(), rows.get(0).path("pid").asLong());
    assertEquals("system.slice", rows.get(0).path("slice").asText());
    JsonNode proc = run("proc", Long.toString(unitProcess.pid()), "--json").json();
    assertEquals(unitName, proc.path("unit").asText());
    assertTrue(proc.path("container").isNull(), proc.toString());
  }
}
