package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Listener pressure, descriptor headroom, CLOSE_WAIT pile-ups and declared edges on real processes
 * (Python scripts on loopback, haproxy when installed), seen through {@code ports} and {@code
 * stack}.
 */
class PressureLiveTest {
  /** The scripts' names become their components' programs through these rules. */
  private static final String RULES =
      String.join(
          "\n",
          "name app ccw_server ccw_server",
          "name worker ccw_client ccw_client",
          "name app fd_hog fd_hog",
          "name app env_app env_app",
          "name app haproxy_target haproxy_target",
          "");

  private static void assumePython() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(MiniStack.PYTHON)), MiniStack.PYTHON + " absent: skipped");
  }

  private static Path rules(Launched l) throws Exception {
    Path r = l.dir.resolve("test.rules");
    Files.writeString(r, RULES);
    return r;
  }

  /** A listener on 127.0.0.1:port that never accepts, with backlog 1, and 5 clients. */
  @Test
  void aFullAcceptQueueIsFlaggedAndItsOverflowsCounted() throws Exception {
    assumePython();
    Assumptions.assumeTrue(new TcpDiag().enable(), "no sock_diag netlink: no backlogs");
    try (Launched l = new Launched("stackscope-queue")) {
      int port = MiniStack.freePort();
      Files.writeString(
          l.dir.resolve("never_accepts.py"),
          String.join(
              "\n",
              "import socket, sys, time",
              "s = socket.socket()",
              "s.bind(('127.0.0.1', int(sys.argv[1])))",
              "s.listen(1)",
              "time.sleep(600)",
              ""));
      Files.writeString(
          l.dir.resolve("clients.py"),
          String.join(
              "\n",
              "import socket, sys, time",
              "cs = []",
              "for i in range(5):",
              "    c = socket.socket(); c.setblocking(False)",
              "    try: c.connect(('127.0.0.1', int(sys.argv[1])))",
              "    except BlockingIOError: pass",
              "    cs.append(c)",
              "open('connected', 'w').close()",
              "time.sleep(600)",
              ""));
      l.launch("server", List.of(MiniStack.PYTHON, "never_accepts.py", "" + port));
      l.await("the listener", () -> ssListens(port));
      l.launch("clients", List.of(MiniStack.PYTHON, "clients.py", "" + port));
      l.await("the clients", () -> Files.exists(l.dir.resolve("connected")));
      l.await(
          "a full queue",
          () -> queueOf(port) != null && queueOf(port).get("acceptQueue").asInt() >= 1);

      JsonNode q = queueOf(port);
      assertEquals(1, q.get("backlog").asInt(), q.toString());
      assertTrue(q.get("acceptQueue").asInt() >= 1, q.toString());
      Result text = CliRunner.stackscope("ports", "--port", "" + port);
      assertTrue(text.out().contains("FULL " + q.get("acceptQueue").asInt() + "/1"), text.out());

      // the clients retransmit their SYNs (after 1 s, 3 s, ...): each is an overflow
      Result sampled = CliRunner.stackscope("ports", "--port", "" + port, "--sample", "2500ms");
      assertEquals(0, sampled.exitCode(), sampled.toString());
      String summary = sampled.lines().get(sampled.lines().size() - 1);
      assertTrue(summary.startsWith("During 2.5s: ListenOverflows +"), summary);
      long overflows = Long.parseLong(summary.replaceAll(".*ListenOverflows \\+(\\d+),.*", "$1"));
      assertTrue(overflows > 0, summary);
      assertTrue(summary.contains("seen full: 127.0.0.1:" + port + " (python3 pid "), summary);

      Result stack = CliRunner.stackscope("stack", "--json", "--sample", "2500ms");
      JsonNode pressure = stack.json().get("pressure");
      assertEquals(2500, pressure.get("sampleMillis").asLong(), pressure.toString());
      assertTrue(pressure.get("listenOverflows").asLong() > 0, pressure.toString());
      assertTrue(
          CliRunner.texts(pressure.get("seenFull")).contains("127.0.0.1:" + port),
          pressure.toString());
    }
  }

  private static boolean ssListens(int port) {
    return queueOf(port) != null;
  }

  /** The JSON of the TCP listener on the port, or null. */
  private static JsonNode queueOf(int port) {
    Result r = CliRunner.stackscope("ports", "-t", "--port", "" + port, "--json");
    for (JsonNode s : r.json()) {
      if (s.get("state").asText().equals("listening")) {
        return s;
      }
    }
    return null;
  }

  /** Clients that half-close 12 connections a server never closes: its ends sit in CLOSE_WAIT. */
  @Test
  void aCloseWaitPileUpIsFlaggedOnItsEdge() throws Exception {
    assumePython();
    try (Launched l = new Launched("stackscope-closewait")) {
      int port = MiniStack.freePort();
      Files.writeString(
          l.dir.resolve("ccw_server.py"),
          String.join(
              "\n",
              "import socket, sys, time",
              "s = socket.socket()",
              "s.bind(('127.0.0.1', int(sys.argv[1])))",
              "s.listen(64)",
              "kept = []",
              "while True:",
              "    c, _ = s.accept()",
              "    kept.append(c)  # never closed",
              ""));
      Files.writeString(
          l.dir.resolve("ccw_client.py"),
          String.join(
              "\n",
              "import socket, sys, time",
              "cs = []",
              "for i in range(12):",
              "    c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))",
              "    c.shutdown(socket.SHUT_WR)  # the client is done: FIN sent",
              "    cs.append(c)",
              "open('done', 'w').close()",
              "time.sleep(600)",
              ""));
      l.launch("server", List.of(MiniStack.PYTHON, "ccw_server.py", "" + port));
      l.awaitPort(port); // one connection, closed at once: a CLOSE_WAIT too, ownerless client
      l.launch("client", List.of(MiniStack.PYTHON, "ccw_client.py", "" + port));
      l.await("the clients", () -> Files.exists(l.dir.resolve("done")));
      Path rules = rules(l);
      Result r = CliRunner.stackscope("stack", "--json", "--rules", rules.toString());
      JsonNode edge = null;
      for (JsonNode e : r.json().get("edges")) {
        if (e.get("from").asText().equals("ccw_client")
            && e.get("to").asText().equals("ccw_server")
            && e.get("port").asInt() == port) {
          edge = e;
        }
      }
      assertNotNull(edge, r.json().get("edges").toString());
      assertEquals(12, edge.get("states").get("close-wait").asInt(), edge.toString());
      assertTrue(edge.get("closeWaitPileUp").asBoolean(), edge.toString());
      Result text = CliRunner.stackscope("stack", "--rules", rules.toString());
      assertTrue(text.out().contains("CLOSE_WAIT pile-up"), text.out());
    }
  }

  /** A process under ulimit -n 64 holding 60 descriptors is near its limit. */
  @Test
  void aProcessNearItsDescriptorLimitIsFlagged() throws Exception {
    assumePython();
    try (Launched l = new Launched("stackscope-fds")) {
      int port = MiniStack.freePort();
      Files.writeString(
          l.dir.resolve("fd_hog.py"),
          String.join(
              "\n",
              "import os, socket, sys, time",
              "s = socket.socket()",
              "s.bind(('127.0.0.1', int(sys.argv[1])))",
              "s.listen(8)",
              "held = []",
              "while len(os.listdir('/proc/self/fd')) < 61:  # listdir's own descriptor counts",
              "    held.append(open('/dev/null'))",
              "open('ready', 'w').close()",
              "time.sleep(600)",
              ""));
      l.launch(
          "hog",
          List.of("sh", "-c", "ulimit -n 64 && exec " + MiniStack.PYTHON + " fd_hog.py " + port));
      l.await("60 descriptors", () -> Files.exists(l.dir.resolve("ready")));
      int pid = (int) l.process("hog").pid();
      Result r = CliRunner.stackscope("stack", "--json", "--rules", rules(l).toString());
      JsonNode resources = null;
      for (JsonNode c : r.json().get("components")) {
        if (c.get("pids").get(0).asInt() == pid) {
          resources = c.get("resources");
        }
      }
      assertNotNull(resources, r.out());
      assertEquals(64, resources.get("descriptorLimit").asInt(), resources.toString());
      assertEquals(60, resources.get("descriptorOpen").asInt(), resources.toString());
      assertTrue(resources.get("nearLimit").asBoolean(), resources.toString());
      assertEquals(1, resources.get("processes").asInt(), resources.toString());
      assertTrue(resources.get("rssBytes").asLong() > 0, resources.toString());
      assertTrue(resources.get("cpuPercent").isNumber(), "a 200 ms default sample");
      Result text = CliRunner.stackscope("stack", "--rules", rules(l).toString());
      assertTrue(text.out().contains("(60/64 93%)  near the descriptor limit"), text.out());
      Result noCpu =
          CliRunner.stackscope("stack", "--json", "--sample", "0", "--rules", rules(l).toString());
      for (JsonNode c : noCpu.json().get("components")) {
        assertTrue(c.get("resources").get("cpuPercent").isNull(), "--sample 0: no CPU figure");
      }
    }
  }

  /**
   * A process whose DATABASE_URL names a port nothing listens on (the password never shown), and
   * haproxy whose -f directory's backend names it: one declared edge not seen connected, one
   * declared target flagged.
   */
  @Test
  void declaredEdgesFromTheEnvironmentAndHaproxy() throws Exception {
    assumePython();
    try (Launched l = new Launched("stackscope-declared")) {
      int appPort = MiniStack.freePort();
      int nowhere = MiniStack.freePort();
      Files.writeString(
          l.dir.resolve("env_app.py"),
          String.join(
              "\n",
              "import socket, sys, time",
              "s = socket.socket()",
              "s.bind(('127.0.0.1', int(sys.argv[1])))",
              "s.listen(8)",
              "time.sleep(600)",
              ""));
      ProcessBuilder pb =
          new ProcessBuilder(MiniStack.PYTHON, "env_app.py", "" + appPort)
              .directory(l.dir.toFile());
      pb.environment()
          .put("DATABASE_URL", "postgresql://app:s3cr3tpw@127.0.0.1:" + nowhere + "/app");
      pb.environment().put("HOMEPAGE_URL", "https://127.0.0.1:9/ignored");
      Process app = pb.start();
      try {
        l.awaitPort(appPort);
        boolean haproxy = MiniStack.which("haproxy") != null;
        if (haproxy) {
          Path conf = Files.createDirectory(l.dir.resolve("haproxy.d"));
          Files.writeString(
              conf.resolve("10-global.cfg"),
              "global\n  pidfile "
                  + l.dir.resolve("haproxy.pid")
                  + "\ndefaults\n  mode tcp\n"
                  + "  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\n");
          Files.writeString(
              conf.resolve("20-app.cfg"),
              "frontend fe\n  bind 127.0.0.1:"
                  + MiniStack.freePort()
                  + "\n  default_backend app\n\n# the app\nbackend app\n  server a1 127.0.0.1:"
                  + appPort
                  + "\n");
          l.launch("haproxy", List.of("haproxy", "-f", conf.toString()));
          Thread.sleep(1000);
          assertTrue(l.process("haproxy").isAlive(), "haproxy: " + l.log("haproxy"));
        }
        Result r = CliRunner.stackscope("stack", "--json", "--rules", rules(l).toString());
        assertFalse(r.out().contains("s3cr3tpw"), "the password stays out: " + r.out());
        JsonNode declared = r.json().get("pressure").get("declared");
        JsonNode db = find(declared, "DATABASE_URL");
        assertNotNull(db, declared.toString());
        assertEquals("env_app", db.get("from").asText());
        assertEquals("127.0.0.1:" + nowhere, db.get("target").asText());
        assertEquals("nothing listens", db.get("status").asText());
        assertEquals("environment DATABASE_URL", db.get("declaredAt").asText());
        assertEquals(null, find(declared, "HOMEPAGE_URL"), "https is no known server scheme");
        Result text = CliRunner.stackscope("stack", "--rules", rules(l).toString());
        assertTrue(
            text.out()
                .contains("✗ declared DATABASE_URL 127.0.0.1:" + nowhere + ": nothing listens"),
            text.out());
        if (haproxy) {
          JsonNode be = find(declared, "backend app");
          assertNotNull(be, declared.toString());
          assertEquals("env_app", be.get("to").asText(), be.toString());
          assertEquals("20-app.cfg:7", be.get("declaredAt").asText(), be.toString());
          JsonNode edge = null;
          for (JsonNode e : r.json().get("edges")) {
            if (e.get("to").asText().equals("env_app") && e.get("port").asInt() == appPort) {
              edge = e;
            }
          }
          assertNotNull(edge, r.json().get("edges").toString());
          assertEquals("declared", edge.get("origin").asText(), edge.toString());
          assertEquals(0, edge.get("count").asInt(), edge.toString());
        }
      } finally {
        app.destroy();
        app.waitFor();
      }
    }
  }

  private static JsonNode find(JsonNode declared, String directive) {
    for (JsonNode d : declared) {
      if (d.get("directive").asText().equals(directive)) {
        return d;
      }
    }
    return null;
  }
}
