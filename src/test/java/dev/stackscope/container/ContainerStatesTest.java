package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names, images and pods from containerd's task bundles; what is missing leaves the id alone. */
class ContainerStatesTest {
  private static final String ID = "c3".repeat(32);
  private static final String SANDBOX = "e5".repeat(32);

  @TempDir Path root;

  private void bundle(String tasks, String ns, String id, String annotations) throws IOException {
    Path d = root.resolve("run/containerd").resolve(tasks).resolve(ns).resolve(id);
    Files.createDirectories(d);
    Files.writeString(
        d.resolve("config.json"),
        "{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":[\"/pause\"]},\"annotations\":{"
            + annotations
            + "}}");
  }

  private ContainerStates states() {
    return new ContainerStates(
        root.resolve("docker"), root.resolve("containers"), root.resolve("run/containerd"));
  }

  @Test
  void criAnnotationsOfAContainerAndASandbox() throws IOException {
    Files.createDirectories(root.resolve("run/containerd/io.containerd.runtime.v2.task/moby"));
    bundle(
        "io.containerd.runtime.v2.task",
        "k8s.io",
        ID,
        "\"io.kubernetes.cri.container-type\":\"container\","
            + "\"io.kubernetes.cri.container-name\":\"db\","
            + "\"io.kubernetes.cri.image-name\":\"docker.io/library/postgres:16\","
            + "\"io.kubernetes.cri.sandbox-name\":\"db-0\","
            + "\"io.kubernetes.cri.sandbox-namespace\":\"prod\"");
    bundle(
        "io.containerd.runtime.v1.linux",
        "k8s.io",
        SANDBOX,
        "\"io.kubernetes.cri.container-type\":\"sandbox\","
            + "\"io.kubernetes.cri.sandbox-name\":\"db-0\","
            + "\"io.kubernetes.cri.sandbox-namespace\":\"prod\"");
    ContainerStates s = states();
    assertEquals(
        new ContainerInfo(
            "containerd", ID, "db", "docker.io/library/postgres:16", "db-0", "prod", null),
        s.describe(new ContainerRef(Runtime.CONTAINERD, ID, "uid")));
    assertEquals(
        new ContainerInfo("kubernetes", SANDBOX, null, null, "db-0", "prod", null),
        s.describe(new ContainerRef(Runtime.KUBERNETES, SANDBOX, "uid")));
  }

  @Test
  void noStateOrDamagedStateIsTheIdAlone() throws IOException {
    ContainerRef ref = new ContainerRef(Runtime.CONTAINERD, ID, null);
    ContainerInfo alone = new ContainerInfo("containerd", ID, null, null, null, null, null);
    assertEquals(alone, states().describe(ref), "no /run/containerd");
    assertEquals(
        alone,
        new ContainerStates(root.resolve("docker"), root.resolve("containers")).describe(ref),
        "containerd's state not read");
    Path d = root.resolve("run/containerd/io.containerd.runtime.v2.task/k8s.io").resolve(ID);
    Files.createDirectories(d);
    Files.writeString(d.resolve("config.json"), "{\"annotations\":{\"io.kubernetes.cri.cont");
    assertEquals(alone, states().describe(ref), "cut short");
    assertTrue(states().hidden().isEmpty());
  }
}
