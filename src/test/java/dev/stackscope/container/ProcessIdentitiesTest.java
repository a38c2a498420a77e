package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.os.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over a /proc tree: host reference, namespace names, unreadable state. */
class ProcessIdentitiesTest {
  private static final String ID = "ab".repeat(32);

  @TempDir Path root;

  private void process(int pid, int ppid, boolean kernel, String cgroup, long net)
      throws IOException {
    Path d = Files.createDirectories(root.resolve("proc/" + pid + "/ns"));
    Files.writeString(
        d.resolveSibling("stat"),
        pid
            + " (p) S "
            + ppid
            + " 0 0 0 -1 "
            + (kernel ? 0x00200000 : 0)
            + " 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
    Files.writeString(d.resolveSibling("cgroup"), cgroup);
    if (net >= 0) {
      for (String k : Namespaces.KINDS) {
        Files.createSymbolicLink(
            d.resolve(k), Path.of(k + ":[" + (k.equals("net") ? net : 7) + "]"));
      }
    }
  }

  private ProcessIdentities identities() {
    return new ProcessIdentities(
        root.resolve("proc"),
        root.resolve("cgroup"),
        new ContainerStates(root.resolve("docker"), root.resolve("containers")),
        root.resolve("netns"));
  }

  /** Where PID 1's namespaces are unreadable, kthreadd's (a kernel thread) are the host's. */
  @Test
  void hostFromKthreaddWhenPid1IsUnreadable() throws IOException {
    process(1, 0, false, "0::/init.scope\n", -1);
    process(2, 0, true, "0::/\n", 100);
    process(30, 1, false, "0::/docker/" + ID + "\n", 200);
    process(31, 1, false, "0::/\n", 100);
    ProcessIdentities ids = identities();
    assertEquals(2, ids.hostReference());
    assertEquals(100, ids.hostNamespaces().net());
    ProcessIdentities.Identity docker = ids.identity(30);
    // no state files: the id alone, no error
    assertEquals(new ContainerInfo("docker", ID, null, null, null, null), docker.container());
    assertEquals(new NetworkNamespace(200, ID.substring(0, 12)), ids.netns(30, docker));
    assertEquals(new NetworkNamespace(100, "host"), ids.netns(31, ids.identity(31)));
  }

  /** A process that is no kernel thread at PID 2 is no reference: the host's stay unknown. */
  @Test
  void noReferenceWithoutAKernelThread() throws IOException {
    process(1, 0, false, "", -1);
    process(2, 1, false, "", 100);
    assertEquals(0, identities().hostReference());
  }

  @Test
  void ipNetnsNamesComeFirst() throws IOException {
    process(1, 0, false, "0::/init.scope\n", 100);
    process(40, 1, false, "0::/docker/" + ID + "\n", 300);
    Files.createDirectories(root.resolve("netns"));
    Files.createSymbolicLink(root.resolve("netns/blue"), Path.of("net:[300]"));
    ProcessIdentities ids = identities();
    assertEquals("blue", ids.netns(40, ids.identity(40)).name());
    assertNull(ids.netns(99, ProcessIdentities.Identity.NONE), "no such process");
  }

  @Test
  void damagedStateFilesLeaveTheId() throws IOException {
    process(1, 0, false, "0::/init.scope\n", 100);
    process(50, 1, false, "0::/libpod_parent/libpod-" + ID + "\n", 400);
    Path storage = Files.createDirectories(root.resolve("containers/storage/overlay-containers"));
    Files.writeString(storage.resolve("containers.json"), "[{\"id\":\"" + ID + "\",\"names\":[");
    ContainerInfo c = identities().identity(50).container();
    assertEquals("podman", c.runtime());
    assertEquals(ID, c.id());
    assertNull(c.name());
    assertTrue(identities().hiddenStates().isEmpty());
  }
}
