package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.Containers;
import dev.stackscope.testing.Containers.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports of real containers ({@link Containers}: podman and docker, busybox httpd on 8080
 * published on a free 127.0.0.1 port): {@code ports} follows the host's listener (conmon's, through
 * the DNAT rule; docker-proxy's, through its arguments) to the container's httpd; {@code ports
 * --all-netns} lists that httpd's own listener in the container's namespace.
 */
class PublishedPortsTest {
  private static Containers containers;

  @BeforeAll
  static void start() throws Exception {
    containers = Containers.start("ssnet-" + ProcessHandle.current().pid());
  }

  @AfterAll
  static void stop() throws Exception {
    if (containers != null) {
      containers.close();
    }
  }

  @Test
  void podmanPortFollowedToTheContainersServer() {
    Container c = containers.podman();
    JsonNode published = publishedAt(c);
    assertEquals("conmon", published.get("via").asText());
    assertEquals(c.name(), published.get("container").asText());
    assertNotNull(published.get("rule").asText(null), published.toString());
    assertFollowed(c, published);
  }

  @Test
  void dockerPortFollowedToTheContainersServer() {
    Container c = containers.docker();
    JsonNode published = publishedAt(c);
    String via = published.get("via").asText();
    assertEquals("docker-proxy", via, published.toString());
    assertFollowed(c, published);
  }

  @Test
  void containersListenerInItsNamespace() {
    for (Container c : containers.running()) {
      JsonNode rows =
          CliRunner.stackscope(
                  "ports", "--all-netns", "-t", "--port", "" + Containers.CONTAINER_PORT, "--json")
              .json();
      JsonNode mine = null;
      for (JsonNode r : rows) {
        for (JsonNode o : r.get("owners")) {
          if (o.get("pid").asLong() == c.pid()) {
            mine = r;
          }
        }
      }
      assertNotNull(mine, () -> c + " not in " + rows);
      JsonNode host = publishedAt(c);
      assertEquals(
          host.get("netns").get("inode").asLong(),
          mine.get("netns").get("inode").asLong(),
          "the container's listener is in the namespace its published port leads to");
    }
  }

  @Test
  void stackEndsTheEdgeAtTheContainersServer(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("roles.rules");
    Files.writeString(rules, "title web bbhttpd ^/bin/busybox httpd\n");
    JsonNode map = CliRunner.stackscope("stack", "--rules", rules.toString(), "--json").json();
    for (JsonNode comp : map.get("components")) {
      String program = comp.get("program").asText();
      assertTrue(
          !program.equals("docker-proxy") && !program.equals("conmon"),
          "plumbing as a component: " + comp);
    }
    for (Container c : containers.running()) {
      JsonNode server = null;
      for (JsonNode comp : map.get("components")) {
        for (JsonNode pid : comp.get("pids")) {
          if (pid.asLong() == c.pid()) {
            server = comp;
          }
        }
      }
      assertNotNull(server, () -> c + " is no component of " + map);
      assertEquals("bbhttpd", server.get("program").asText());
      boolean hostPort = false;
      for (JsonNode l : server.get("listeners")) {
        hostPort |= l.get("port").asInt() == c.hostPort();
      }
      assertTrue(hostPort, () -> "the published port is not the server's: " + map);
    }
  }

  @Test
  void explainGoesOnIntoTheContainer() {
    for (Container c : containers.running()) {
      JsonNode e =
          CliRunner.stackscope("explain", "--json", "http://127.0.0.1:" + c.hostPort() + "/")
              .json();
      JsonNode listener = e.get("addresses").get(0).get("listener");
      assertEquals(c.pid(), listener.get("pids").get(0).asLong(), e.toString());
      JsonNode published = listener.get("published");
      assertEquals(Containers.CONTAINER_PORT, published.get("port").asInt(), e.toString());
      assertEquals(
          c.runtime().equals("docker") ? "docker-proxy" : "conmon", published.get("via").asText());
    }
  }

  /** The {@code published} of the host's listener on the container's published port. */
  private static JsonNode publishedAt(Container c) {
    CliRunner.Result r = CliRunner.stackscope("ports", "-t", "--port", "" + c.hostPort(), "--json");
    for (JsonNode row : r.json()) {
      if (row.get("localPort").asInt() == c.hostPort() && !row.get("published").isNull()) {
        return row.get("published");
      }
    }
    throw new AssertionError("no published port " + c.hostPort() + " in " + r);
  }

  private static void assertFollowed(Container c, JsonNode published) {
    assertEquals(Containers.CONTAINER_PORT, published.get("port").asInt(), published.toString());
    assertTrue(published.get("netns").get("inode").asLong() > 0, published.toString());
    assertEquals(c.pid(), published.get("owners").get(0).get("pid").asLong(), published.toString());
  }
}
