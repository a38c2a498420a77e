package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.Containers;
import dev.stackscope.testing.Containers.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code stack} on this machine with real containers ({@link Containers}: podman and docker,
 * busybox httpd on 8080 published on a free 127.0.0.1 port) and, for each, a local Python client
 * holding a connection to the published port: the httpd is a component labelled with its container
 * and network namespace, the published listener says what publishes it, the client's edge ends at
 * the httpd (not at conmon or docker-proxy), and the runtime's plumbing is no component. Skips,
 * naming what is missing, without root, podman, docker, busybox-static or python3.
 */
class ContainerStackLiveTest {
  private static final String CLIENT_MARK = "stackscope-test-client";

  private static Containers containers;
  private static final Map<String, Process> clients = new HashMap<>();
  private static Path rules;

  @BeforeAll
  static void start() throws Exception {
    containers = Containers.start("ssstk-" + ProcessHandle.current().pid());
    rules = Files.createTempFile("stack-containers", ".rules");
    Files.writeString(
        rules,
        "title web bbhttpd ^/bin/busybox httpd\n" + "title app pyclient " + CLIENT_MARK + "\n");
    if (MiniStack.which("python3") == null) {
      return;
    }
    for (Container c : containers.running()) {
      // reconnects before busybox httpd's header timeout closes the idle connection
      String loop =
          "import socket,sys,time\n"
              + "while True:\n"
              + "  s=socket.create_connection(('127.0.0.1',int(sys.argv[1])))\n"
              + "  print('connected', flush=True)\n"
              + "  time.sleep(20)\n"
              + "  s.close()\n";
      Process p =
          new ProcessBuilder("python3", "-c", loop, Integer.toString(c.hostPort()), CLIENT_MARK)
              .redirectErrorStream(true)
              .start();
      clients.put(c.runtime(), p);
    }
    // each client holds its connection before any test maps the stack (a fixed 500 ms sleep was too
    // short for python's start on a busy machine: the map then had no edge at all)
    for (Process p : clients.values()) {
      awaitConnected(p);
    }
  }

  private static void awaitConnected(Process p) throws IOException, InterruptedException {
    java.io.BufferedReader out = p.inputReader();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (out.ready()) {
        String line = out.readLine();
        if ("connected".equals(line)) {
          return;
        }
      } else {
        Thread.sleep(20);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : clients.values()) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (containers != null) {
      containers.close();
    }
    if (rules != null) {
      Files.deleteIfExists(rules);
    }
  }

  private static Container container(String runtime) {
    return runtime.equals("podman") ? containers.podman() : containers.docker();
  }

  private static JsonNode holding(JsonNode map, long pid) {
    for (JsonNode comp : map.get("components")) {
      for (JsonNode p : comp.get("pids")) {
        if (p.asLong() == pid) {
          return comp;
        }
      }
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void theContainersServerIsLabelledAndItsPublishedPortSaysVia(String runtime) throws IOException {
    Container c = container(runtime);
    Process client = clients.get(runtime);
    Assumptions.assumeTrue(client != null, "python3 not installed: no client");
    assertTrue(client.isAlive(), "the client could not connect to " + c.hostPort());
    CliRunner.Result r = CliRunner.stackscope("stack", "--rules", rules.toString(), "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode map = r.json();
    for (JsonNode comp : map.get("components")) {
      String program = comp.get("program").asText();
      assertFalse(
          program.equals("docker-proxy")
              || program.equals("conmon")
              || program.startsWith("containerd-shim"),
          "plumbing as a component: " + comp);
    }
    JsonNode server = holding(map, c.pid());
    assertNotNull(server, () -> c + " is no component of " + map);
    assertEquals("bbhttpd", server.get("program").asText());
    JsonNode container = server.get("container");
    assertEquals(c.runtime(), container.get("runtime").asText(), server.toString());
    assertEquals(c.id(), container.get("id").asText(), server.toString());
    assertEquals(c.name(), container.get("name").asText(), server.toString());
    assertEquals(c.image(), container.get("image").asText(), server.toString());
    assertTrue(server.get("netns").get("inode").asLong() > 0, server.toString());
    assertFalse("host".equals(server.get("netns").get("name").asText(null)), server.toString());
    JsonNode published = null;
    for (JsonNode l : server.get("listeners")) {
      if (l.get("port").asInt() == c.hostPort()) {
        published = l;
      }
    }
    assertNotNull(published, () -> "the published port is not the server's: " + server);
    assertEquals(
        runtime.equals("docker") ? "docker-proxy" : "conmon",
        published.get("publishedVia").asText(),
        published.toString());
    // the text view: the component's label and the listener's publisher
    String via = published.get("publishedVia").asText();
    CliRunner.Result text = CliRunner.stackscope("stack", "--rules", rules.toString());
    String label = "[" + c.runtime() + ":" + c.name() + " (" + c.image() + ")";
    assertTrue(
        text.lines().stream()
            .anyMatch(l -> l.contains(server.get("id").asText() + " ") && l.contains(label)),
        () -> label + " not in\n" + text.out());
    assertTrue(
        text.lines().stream()
            .anyMatch(
                l ->
                    l.contains("listens 127.0.0.1:" + c.hostPort())
                        && l.contains("published via " + via)),
        text::out);
  }

  /**
   * The client's edge to the published port ends at the container's httpd, not at conmon or
   * docker-proxy.
   */
  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void theClientsEdgeEndsAtTheContainersServerNotTheProxy(String runtime) {
    Container c = container(runtime);
    Process client = clients.get(runtime);
    Assumptions.assumeTrue(client != null, "python3 not installed: no client");
    CliRunner.Result r = CliRunner.stackscope("stack", "--rules", rules.toString(), "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode map = r.json();
    JsonNode server = holding(map, c.pid());
    assertNotNull(server, () -> c + " is no component of " + map);
    JsonNode clientComponent = holding(map, client.pid());
    assertNotNull(clientComponent, () -> "the client is no component of " + map);
    List<JsonNode> toServer = new ArrayList<>();
    for (JsonNode e : map.get("edges")) {
      if (e.get("from").asText().equals(clientComponent.get("id").asText())
          && e.get("port").asInt() == c.hostPort()) {
        toServer.add(e);
      }
    }
    assertEquals(1, toServer.size(), () -> "one edge from the client to :" + c.hostPort() + map);
    assertEquals(server.get("id").asText(), toServer.get(0).get("to").asText(), map.toString());
    assertTrue(toServer.get(0).get("count").asInt() >= 1, toServer.toString());
  }
}
