package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * postgres listening on a Unix socket directory only, and a psycopg2 client whose DATABASE_URL
 * names that directory: the edge client → postgres over {@code DIR/.s.PGSQL.PORT}, observed and
 * declared.
 */
class PostgresUnixTest {
  @Test
  void anAppReachesPostgresOverItsUnixSocket() throws Exception {
    String bin = MiniStack.postgresBin();
    Assumptions.assumeTrue(bin != null, "skipped: no /usr/lib/postgresql/*/bin (postgresql)");
    Assumptions.assumeTrue(
        MiniStack.isRoot() && MiniStack.which("runuser") != null,
        "skipped: postgres runs as its own user through runuser (needs root)");
    Assumptions.assumeTrue(
        MiniStack.run(List.of(MiniStack.PYTHON, "-c", "import psycopg2")) == 0,
        "skipped: no python3-psycopg2");
    Assumptions.assumeTrue(new TcpDiag().enable(), "skipped: no sock_diag netlink");
    try (Launched l = new Launched("stackscope-pgunix")) {
      Path pg = l.dir.resolve("pg");
      Path sock = l.dir.resolve("pgsock");
      Files.createDirectories(pg);
      Files.createDirectories(sock);
      l.run("chown", List.of("chown", "postgres:postgres", pg.toString(), sock.toString()));
      Files.setPosixFilePermissions(pg, PosixFilePermissions.fromString("rwx------"));
      l.run(
          "initdb",
          List.of(
              "runuser",
              "-u",
              "postgres",
              "--",
              bin + "/initdb",
              "-D",
              pg.toString(),
              "-A",
              "trust",
              "-U",
              "postgres"));
      int port = MiniStack.freePort();
      l.launch(
          "postgres",
          List.of(
              "runuser",
              "-u",
              "postgres",
              "--",
              bin + "/postgres",
              "-D",
              pg.toString(),
              "-c",
              "listen_addresses=",
              "-p",
              "" + port,
              "-c",
              "unix_socket_directories=" + sock));
      Path socket = sock.resolve(".s.PGSQL." + port);
      l.await("postgres's socket", () -> Files.exists(socket));
      Files.writeString(
          l.dir.resolve("pg_client.py"),
          String.join(
              "\n",
              "import os, time, psycopg2",
              "c = psycopg2.connect(os.environ['DATABASE_URL'], user='postgres')",
              "c.cursor().execute('select 1')",
              "open('connected', 'w').close()",
              "time.sleep(600)",
              ""));
      ProcessBuilder pb =
          new ProcessBuilder(MiniStack.PYTHON, "pg_client.py").directory(l.dir.toFile());
      pb.environment().put("DATABASE_URL", "postgresql:///postgres?host=" + sock + "&port=" + port);
      pb.redirectErrorStream(true).redirectOutput(l.dir.resolve("client.log").toFile());
      Process client = pb.start();
      try {
        l.await("the client", () -> Files.exists(l.dir.resolve("connected")) || !client.isAlive());
        assertTrue(client.isAlive(), l.log("client"));
        Path rules = l.dir.resolve("pg.rules");
        Files.writeString(rules, "name worker pg_client pg_client\n");
        Result r = CliRunner.stackscope("stack", "--json", "--rules", rules.toString());
        JsonNode edge = null;
        List<String> seen = new ArrayList<>();
        for (JsonNode e : r.json().get("unixEdges")) {
          seen.add(e.toString());
          if (e.get("from").asText().equals("pg_client")
              && e.get("path").asText().equals(socket.toString())) {
            edge = e;
          }
        }
        assertNotNull(edge, "pg_client → postgres unix:" + socket + " in " + seen);
        // the edge ends at the component holding this test's postmaster (another postgres on the
        // machine would make this one "postgres-2")
        long postmaster =
            Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim());
        JsonNode to = null;
        for (JsonNode c : r.json().get("components")) {
          if (c.get("id").asText().equals(edge.get("to").asText())) {
            to = c;
          }
        }
        assertNotNull(to, "component " + edge.get("to") + " in the map");
        assertEquals("postgres", to.get("program").asText(), to.toString());
        List<Long> pids = new ArrayList<>();
        to.get("pids").forEach(p -> pids.add(p.asLong()));
        assertTrue(pids.contains(postmaster), postmaster + " in " + to);
        assertEquals(1, edge.get("count").asInt(), edge.toString());
        assertEquals("observed, declared", edge.get("origin").asText(), edge.toString());
        assertEquals(
            "[\"environment DATABASE_URL\"]", edge.get("declaredAt").toString(), edge.toString());
      } finally {
        client.destroy();
        client.waitFor();
      }
    }
  }
}
