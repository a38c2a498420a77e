package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.Containers;
import dev.stackscope.testing.Containers.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
