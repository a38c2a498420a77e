package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real postgres primary on a loopback port and a streaming replica made from it with {@code
 * pg_basebackup -R}, both run as the postgres user, and an app connected to both (writes to the
 * primary, reads from the replica): {@code stack} shows the positions, the replication edge and the
 * lag, and the app's connections as client edges.
 */
class PostgresReplicationTest {
  static Launched servers;
  static int primaryPort;
  static int replicaPort;
  static JsonNode map;
  static String text;
  static String dot;
  static String mermaid;

  @BeforeAll
  static void start() throws Exception {
    String bin = MiniStack.postgresBin();
    Assumptions.assumeTrue(
        bin != null,
        "postgres replication skipped: no /usr/lib/postgresql/*/bin (Debian: postgresql)");
    Assumptions.assumeTrue(
        MiniStack.isRoot() && MiniStack.which("runuser") != null,
        "postgres replication skipped: needs root and runuser to run postgres as its own user");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(MiniStack.PYTHON))
            && MiniStack.run(List.of(MiniStack.PYTHON, "-c", "import psycopg2")) == 0,
        "postgres replication skipped: no python3-psycopg2 for the app");
    servers = new Launched("stackscope-pgrepl");
    Path dir = servers.dir;
    Path primary = dir.resolve("primary");
    Path replica = dir.resolve("replica");
    Path sock = dir.resolve("sock");
    for (Path p : List.of(primary, replica, sock)) {
      Files.createDirectories(p);
      servers.run("chown", List.of("chown", "postgres:postgres", p.toString()));
    }
    Files.setPosixFilePermissions(primary, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(replica, PosixFilePermissions.fromString("rwx------"));
    primaryPort = MiniStack.freePort();
    replicaPort = MiniStack.freePort();
    servers.run(
        "initdb",
        asPostgres(bin + "/initdb", "-D", primary.toString(), "-A", "trust", "-U", "postgres"));
    servers.launch(
        "primary",
        asPostgres(
            bin + "/postgres",
            "-D",
            primary.toString(),
            "-p",
            "" + primaryPort,
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=" + sock,
            "-c",
            "fsync=off"));
    servers.awaitPort(primaryPort);
    servers.run(
        "pg_basebackup",
        asPostgres(
            bin + "/pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            "" + primaryPort,
            "-U",
            "postgres",
            "-D",
            replica.toString(),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast"));
    servers.launch(
        "replica",
        asPostgres(
            bin + "/postgres",
            "-D",
            replica.toString(),
            "-p",
            "" + replicaPort,
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=" + sock,
            "-c",
            "fsync=off"));
    servers.awaitPort(replicaPort);
    Files.writeString(dir.resolve("app.py"), APP);
    servers.launch(
        "app",
        List.of(
            MiniStack.PYTHON,
            dir.resolve("app.py").toString(),
            "" + primaryPort,
            "" + replicaPort));
    // the app has written on the primary, the replica has received it, and both titles show LSNs
    servers.await(
        "the app wrote, the replica streams",
        () ->
            servers.log("app").contains("ready")
                && titleContains("walreceiver streaming ")
                && titleContains("walsender postgres 127.0.0.1("));
    CliRunner.Result json = CliRunner.stackscope("stack", "--json");
    assertTrue(json.exitCode() == 0 || json.exitCode() == 3, json.toString());
    map = CliRunner.parseJson(json.out());
    text = CliRunner.stackscope("stack").out();
    dot = CliRunner.stackscope("stack", "--format", "dot").out();
    mermaid = CliRunner.stackscope("stack", "--format", "mermaid").out();
  }

  static List<String> asPostgres(String... cmd) {
    List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    out.addAll(List.of(cmd));
    return out;
  }

  /** Whether a process on the host has this in its command line (a postgres title). */
  static boolean titleContains(String s) {
    return ProcessHandle.allProcesses()
        .anyMatch(
            h -> {
              try {
                return Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"))
                    .replace('\0', ' ')
                    .contains(s);
              } catch (Exception e) {
                return false;
              }
            });
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  /** The component listening on this port. */
  static JsonNode listening(int port) {
    return listening(map, port);
  }

  static JsonNode listening(JsonNode map, int port) {
    for (JsonNode c : map.get("components")) {
      for (JsonNode l : c.get("listeners")) {
        if (l.get("port").asInt() == port) {
          return c;
        }
      }
    }
    throw new AssertionError("no component listens on " + port + ": " + map);
  }

  static JsonNode edge(String from, String to) {
    return edge(map, from, to);
  }

  static JsonNode edge(JsonNode map, String from, String to) {
    for (JsonNode e : map.get("edges")) {
      if (e.get("from").asText().equals(from) && e.get("to").asText().equals(to)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void primaryAndReplicaArePlaced() {
    JsonNode primary = listening(primaryPort);
    JsonNode replica = listening(replicaPort);
    assertEquals("database", primary.get("role").asText());
    assertEquals("database", replica.get("role").asText());
    assertEquals("primary", primary.get("replication").get("position").asText());
    assertTrue(primary.get("replication").get("of").isNull());
    JsonNode r = replica.get("replication");
    assertEquals("replica", r.get("position").asText());
    assertEquals(primary.get("id").asText(), r.get("of").asText());
    assertEquals(primaryPort, r.get("port").asInt());
  }

  @Test
  void theReplicaFollowsThePrimaryOnAReplicationEdge() {
    String primary = listening(primaryPort).get("id").asText();
    String replica = listening(replicaPort).get("id").asText();
    JsonNode e = edge(replica, primary);
    assertTrue(e != null, "no edge " + replica + " → " + primary + ": " + map.get("edges"));
    assertEquals("replication", e.get("kind").asText());
    assertEquals(primaryPort, e.get("port").asInt());
    assertEquals(null, edge(primary, replica), "the primary does not connect to its replica");
  }

  @Test
  void theLagIsShownFromBothTitles() {
    JsonNode lag = listening(replicaPort).get("replication").get("lag");
    assertTrue(lag.isIntegralNumber() && lag.asLong() >= 0, "lag " + lag);
  }

  @Test
  void theAppIsAClientOfBoth() {
    String primary = listening(primaryPort).get("id").asText();
    String replica = listening(replicaPort).get("id").asText();
    String app = null;
    for (JsonNode c : map.get("components")) {
      if (c.get("program").asText().equals("app")) {
        app = c.get("id").asText();
      }
    }
    assertTrue(app != null, "no app component: " + map.get("components"));
    for (String db : List.of(primary, replica)) {
      JsonNode e = edge(app, db);
      assertTrue(e != null, "no edge app → " + db + ": " + map.get("edges"));
      assertEquals("client", e.get("kind").asText());
    }
  }

  @Test
  void textDotAndMermaidShowTheReplication() {
    String primary = listening(primaryPort).get("id").asText();
    String replica = listening(replicaPort).get("id").asText();
    assertTrue(
        text.contains(
            replica + " (postgres, replica of " + primary + "@:" + primaryPort + ", lag "),
        text);
    assertTrue(
        text.contains("⇢ follows " + primary + " :" + primaryPort + "  replication, 1 connection"),
        text);
    assertTrue(
        dot.contains(
            "\""
                + replica
                + "\" -> \""
                + primary
                + "\" [label=\"replication :"
                + primaryPort
                + " ×1\", style=dashed];"),
        dot);
    assertTrue(
        mermaid.lines().anyMatch(l -> l.contains(" -.->|\"replication :" + primaryPort + " ×1\"|")),
        mermaid);
    assertFalse(dot.contains("\"" + primary + "\" -> \"" + replica + "\""), dot);
  }

  private static final String APP =
      """
      import sys, time, psycopg2
      primary = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres")
      primary.autocommit = True
      replica = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[2]), user="postgres", dbname="postgres")
      replica.autocommit = True
      print("connected", flush=True)
      with primary.cursor() as c:
          c.execute("create table t as select generate_series(1, 20000) as n")
      while True:
          with replica.cursor() as c:
              c.execute("select to_regclass('t') is not null")
              if c.fetchone()[0]:
                  break
          time.sleep(0.1)
      print("ready", flush=True)
      time.sleep(3600)
      """;
}
