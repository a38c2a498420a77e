package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtimes' state files: what is taken from each, and what a damaged file leaves. */
class StateFilesTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void dockerConfigNameImageAndPodLabels() {
    StateFiles.DockerConfig c =
        StateFiles.dockerConfig(
            b(
                "{\"ID\":\"x\",\"State\":{\"Running\":true},\"Name\":\"/web\",\"Config\":{\"Env\":[\"A=1\"],"
                    + "\"Image\":\"nginx:1.27\",\"Labels\":{\"io.kubernetes.pod.name\":\"p\","
                    + "\"io.kubernetes.pod.namespace\":\"ns\",\"n\":3}}}"));
    assertEquals(new StateFiles.DockerConfig("web", "nginx:1.27", "p", "ns"), c);
  }

  @Test
  void dockerConfigCutShortKeepsWhatWasRead() {
    StateFiles.DockerConfig c = StateFiles.dockerConfig(b("{\"Name\":\"/web\",\"Config\":{\"Ima"));
    assertEquals("web", c.name());
    assertNull(c.image());
    assertEquals(
        new StateFiles.DockerConfig(null, null, null, null), StateFiles.dockerConfig(b("[1]")));
  }

  @Test
  void podmanContainersJson() {
    Map<String, StateFiles.StorageContainer> m =
        StateFiles.storageContainers(
            b(
                "[{\"id\":\"aa\",\"names\":[\"web\",\"alias\"],\"image\":\"0123456789abcdef0123\","
                    + "\"metadata\":\"{\\\"image-name\\\":\\\"localhost/bb:local\\\"}\"},"
                    + "{\"id\":\"bb\",\"names\":[],\"image\":\"0123456789abcdef0123\",\"metadata\":\"not json\"},"
                    + "{\"names\":[\"no id\"]}]"));
    assertEquals(new StateFiles.StorageContainer("web", "localhost/bb:local"), m.get("aa"));
    assertEquals(new StateFiles.StorageContainer(null, "0123456789ab"), m.get("bb"));
    assertEquals(2, m.size());
  }

  @Test
  void annotationsOfTheTopLevelOnly() {
    Map<String, String> a =
        StateFiles.annotations(
            b(
                "{\"process\":{\"annotations\":{\"x\":\"inner\"}},\"annotations\":"
                    + "{\"io.kubernetes.pod.name\":\"api-7d9\",\"n\":1,\"o\":{\"p\":\"q\"}}}"));
    assertEquals(Map.of("io.kubernetes.pod.name", "api-7d9"), a);
    assertEquals(Map.of(), StateFiles.annotations(b("{\"annotations\":")));
  }

  @Test
  void dockerHostConfigLimitsRestartAndBindings() {
    ContainerConfig c =
        StateFiles.dockerHostConfig(
            b(
                "{\"NetworkMode\":\"bridge\",\"PortBindings\":{\"8080/tcp\":[{\"HostIp\":"
                    + "\"127.0.0.1\",\"HostPort\":\"18081\"},{\"HostIp\":\"::1\",\"HostPort\":\"18081\"}],"
                    + "\"53/udp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],\"x/tcp\":[{}],\"70000/tcp\":[{}],"
                    + "\"81/tcp\":[null,{\"HostPort\":\"99999\"}]},"
                    + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3},"
                    + "\"Memory\":67108864,\"NanoCpus\":1500000000,\"PidsLimit\":100}"));
    assertEquals("bridge", c.networkMode());
    assertEquals("on-failure", c.restartPolicy());
    assertEquals(3, c.restartRetries());
    assertEquals(67108864L, c.memory());
    assertEquals(1.5, c.cpus());
    assertEquals(100L, c.pidsLimit());
    assertEquals(
        List.of(
            new ContainerConfig.PortBinding(53, "udp", null, null),
            new ContainerConfig.PortBinding(81, "tcp", null, null),
            new ContainerConfig.PortBinding(8080, "tcp", "127.0.0.1", 18081),
            new ContainerConfig.PortBinding(8080, "tcp", "::1", 18081)),
        c.portBindings());
  }

  @Test
  void dockerHostConfigUnsetLimitsAndQuota() {
    // docker writes 0 for "not set" and PidsLimit null or -1 (unlimited); --cpu-quota alone
    ContainerConfig c =
        StateFiles.dockerHostConfig(
            b(
                "{\"Memory\":0,\"PidsLimit\":-1,\"CpuQuota\":25000,\"CpuPeriod\":0,"
                    + "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"NanoCpus\":\"x\"}"));
    assertNull(c.memory());
    assertNull(c.pidsLimit());
    assertNull(c.restartRetries());
    assertEquals(0.25, c.cpus());
    assertEquals(List.of(), c.portBindings());
    assertNull(StateFiles.dockerHostConfig(b("[]")));
    assertEquals(
        67108864L,
        StateFiles.dockerHostConfig(b("{\"Memory\":67108864,\"PortBindings\":{")).memory());
  }
}
