package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real redis primary and a replica started with {@code --replicaof}, and an app connected to
 * both: redis shows no replication in its titles, so the replica is the redis component connected
 * to another redis's port.
 */
class RedisReplicationTest {
  static Launched servers;
  static int primaryPort;
  static int replicaPort;
  static JsonNode map;
  static String text;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        MiniStack.which("redis-server") != null,
        "redis replication skipped: no redis-server (Debian: redis-server)");
    Assumptions.assumeTrue(
        MiniStack.run(List.of(MiniStack.PYTHON, "-c", "import redis")) == 0,
        "redis replication skipped: no python3-redis for the app");
    servers = new Launched("stackscope-redisrepl");
    primaryPort = MiniStack.freePort();
    replicaPort = MiniStack.freePort();
    servers.launch(
        "primary",
        List.of(
            "redis-server",
            "--port",
            "" + primaryPort,
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--daemonize",
            "no",
            "--dir",
            servers.dir.toString(),
            "--dbfilename",
            "primary.rdb"));
    servers.awaitPort(primaryPort);
    servers.launch(
        "replica",
        List.of(
            "redis-server",
            "--port",
            "" + replicaPort,
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--daemonize",
            "no",
            "--dir",
            servers.dir.toString(),
            "--dbfilename",
            "replica.rdb",
            "--replicaof",
            "127.0.0.1",
            "" + primaryPort));
    servers.awaitPort(replicaPort);
    servers.await(
        "the replica's link to its primary is up",
        () -> info(replicaPort).contains("master_link_status:up"));
    Files.writeString(servers.dir.resolve("cacheapp.py"), APP);
    servers.launch(
        "app",
        List.of(
            MiniStack.PYTHON,
            servers.dir.resolve("cacheapp.py").toString(),
            "" + primaryPort,
            "" + replicaPort));
    servers.await(
        "the app reads its write from the replica", () -> servers.log("app").contains("ready"));
    CliRunner.Result json = CliRunner.stackscope("stack", "--json");
    assertTrue(json.exitCode() == 0 || json.exitCode() == 3, json.toString());
    map = CliRunner.parseJson(json.out());
    text = CliRunner.stackscope("stack").out();
  }

  /** The replication section of redis's INFO, asked over the inline protocol. */
  static String info(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(2000);
      s.getOutputStream().write("INFO replication\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[8192];
      int n = s.getInputStream().read(buf);
      return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  static JsonNode listening(int port) {
    return PostgresReplicationTest.listening(map, port);
  }

  @Test
  void theReplicaFollowsThePrimary() {
    JsonNode primary = listening(primaryPort);
    JsonNode replica = listening(replicaPort);
    assertEquals("cache", replica.get("role").asText());
    assertEquals("primary", primary.get("replication").get("position").asText());
    JsonNode r = replica.get("replication");
    assertEquals("replica", r.get("position").asText());
    assertEquals(primary.get("id").asText(), r.get("of").asText());
    assertEquals(primaryPort, r.get("port").asInt());
    assertTrue(r.get("lag").isNull(), "redis shows no lag in its titles: " + r);
    JsonNode e =
        PostgresReplicationTest.edge(map, replica.get("id").asText(), primary.get("id").asText());
    assertTrue(e != null, "no replication edge: " + map.get("edges"));
    assertEquals("replication", e.get("kind").asText());
    assertNull(
        PostgresReplicationTest.edge(map, primary.get("id").asText(), replica.get("id").asText()));
  }

  @Test
  void theAppIsAClientOfBoth() {
    String app = null;
    for (JsonNode c : map.get("components")) {
      if (c.get("program").asText().equals("cacheapp")) {
        app = c.get("id").asText();
      }
    }
    assertTrue(app != null, "no app component: " + map.get("components"));
    for (int port : List.of(primaryPort, replicaPort)) {
      JsonNode e = PostgresReplicationTest.edge(map, app, listening(port).get("id").asText());
      assertTrue(e != null, "no edge from the app to :" + port + ": " + map.get("edges"));
      assertEquals("client", e.get("kind").asText());
    }
  }

  @Test
  void theTextShowsBothEnds() {
    String primary = listening(primaryPort).get("id").asText();
    String replica = listening(replicaPort).get("id").asText();
    assertTrue(
        text.contains(replica + " (redis, replica of " + primary + "@:" + primaryPort + ")"), text);
    assertTrue(text.contains("⇠ replica " + replica + " :" + primaryPort), text);
  }

  private static final String APP =
      """
      import sys, time, redis
      primary = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]))
      replica = redis.Redis(host="127.0.0.1", port=int(sys.argv[2]))
      primary.set("k", "v")
      while replica.get("k") != b"v":
          time.sleep(0.1)
      print("ready", flush=True)
      time.sleep(3600)
      """;
}
