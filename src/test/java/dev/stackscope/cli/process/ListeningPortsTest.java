package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.net.Protocol;
import dev.stackscope.net.Reach;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketState;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sockets on processes: {@code tree --ports}, {@code proc}'s Listening section and socket fds. */
class ListeningPortsTest {
  /** A TCP listener and a UDP socket on 127.0.0.1, ephemeral ports. */
  static final String LISTENER =
      "import socket, sys\n"
          + "t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen()\n"
          + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))\n"
          + "print(t.getsockname()[1], u.getsockname()[1], file=sys.stderr, flush=True)";

  private static SocketEntry listener(Protocol p, String address, int port) throws Exception {
    InetAddress a = InetAddress.getByName(address);
    return new SocketEntry(
        p,
        a.getAddress().length == 16 ? 6 : 4,
        a,
        port,
        null,
        null,
        p == Protocol.TCP ? SocketState.LISTENING : SocketState.UNCONNECTED,
        List.of(),
        null,
        Reach.LOOPBACK,
        0,
        1);
  }

  @Test
  void annotationIsSortedDeduplicatedWithIpv6InBrackets() throws Exception {
    String a =
        ListeningPorts.annotation(
            List.of(
                listener(Protocol.UDP, "::1", 53),
                listener(Protocol.TCP, "::", 8080),
                listener(Protocol.TCP, "127.0.0.1", 5432),
                listener(Protocol.TCP, "0.0.0.0", 8080),
                listener(Protocol.TCP, "0.0.0.0", 22)));
    assertEquals("tcp:22 tcp:127.0.0.1:5432 tcp:8080 udp:[::1]:53", a);
  }

  @Test
  void treePortsShowsAChildsListeners() throws Exception {
    try (PythonSockets child = PythonSockets.run(LISTENER, ProcessBuilder.Redirect.DISCARD)) {
      int tcp = child.ports.get(0);
      int udp = child.ports.get(1);
      String pid = String.valueOf(child.pid());
      Result r = stackscope("tree", "--ports", pid);
      assertEquals(0, r.exitCode(), r::toString);
      // by protocol first, whatever the port numbers
      String expected = "tcp:127.0.0.1:" + tcp + " udp:127.0.0.1:" + udp;
      assertTrue(r.out().startsWith("python3"), r::toString);
      assertTrue(r.out().strip().endsWith(" " + expected), r::toString);

      Result plain = stackscope("tree", pid);
      assertTrue(!plain.out().contains("tcp:"), plain::toString);

      Result j = stackscope("tree", "--ports", "--json", pid);
      assertEquals(0, j.exitCode(), j::toString);
      List<?> trees = (List<?>) JsonValue.parse(j.out()); // tree's JSON: always an array
      List<?> listening = (List<?>) ((Map<?, ?>) trees.get(0)).get("listening");
      assertEquals(2, listening.size(), j::toString);
      Map<?, ?> first = (Map<?, ?>) listening.get(0);
      assertEquals("tcp", first.get("protocol"));
      assertEquals((long) tcp, first.get("localPort"));
      assertEquals("127.0.0.1", first.get("localAddress"));
      assertEquals("loopback only", first.get("scope"));
      Map<?, ?> second = (Map<?, ?>) listening.get(1);
      assertEquals("udp", second.get("protocol"));
      assertEquals((long) udp, second.get("localPort"));

      Map<?, ?> without =
          (Map<?, ?>) ((List<?>) JsonValue.parse(stackscope("tree", "--json", pid).out())).get(0);
      assertTrue(without.containsKey("listening") && without.get("listening") == null);
    }
  }

  @Test
  void procShowsListenersWithTheirScope() throws Exception {
    try (PythonSockets child = PythonSockets.run(LISTENER, ProcessBuilder.Redirect.DISCARD)) {
      int tcp = child.ports.get(0);
      int udp = child.ports.get(1);
      Result r = stackscope("proc", String.valueOf(child.pid()));
      assertEquals(0, r.exitCode(), r::toString);
      String section = r.out().substring(r.out().indexOf("Listening"), r.out().indexOf("Signals"));
      assertTrue(
          section.matches("(?s).*tcp 127\\.0\\.0\\.1:" + tcp + " +loopback only\\n.*"), section);
      assertTrue(
          section.matches("(?s).*udp 127\\.0\\.0\\.1:" + udp + " +loopback only\\n.*"), section);

      Map<String, Object> j =
          JsonValue.object(stackscope("proc", "--json", "" + child.pid()).out());
      List<?> listening = (List<?>) j.get("listening");
      assertEquals(2, listening.size(), j::toString);
      assertEquals((long) tcp, ((Map<?, ?>) listening.get(0)).get("localPort"));
    }
  }

  @Test
  void procResolvesAStdoutSocketToItsTcpEndpoints() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      String script =
          "import os, socket, sys\n"
              + "c = socket.create_connection(('127.0.0.1', "
              + port
              + "))\n"
              + "os.dup2(c.fileno(), 1)\n"
              + "print(c.getsockname()[1], file=sys.stderr, flush=True)";
      try (PythonSockets child = PythonSockets.run(script, ProcessBuilder.Redirect.DISCARD)) {
        int local = child.ports.get(0);
        Result r = stackscope("proc", String.valueOf(child.pid()));
        assertEquals(0, r.exitCode(), r::toString);
        String expected = "tcp 127.0.0.1:" + local + " -> 127.0.0.1:" + port;
        String stdout = line(r.out(), "stdout");
        assertTrue(stdout.matches(".*socket:\\[[0-9]+\\] " + Pattern.quote(expected)), stdout);
        String stdin = line(r.out(), "stdin");
        assertEquals("/dev/null", stdin.replaceFirst("^\\s*stdin\\s+", ""), stdin);
        Map<String, Object> j =
            JsonValue.object(stackscope("proc", "--json", "" + child.pid()).out());
        String json = (String) ((Map<?, ?>) j.get("fds")).get("stdout");
        assertTrue(json.endsWith(" " + expected), json);
        assertEquals(List.of(), j.get("listening"));
      }
    }
  }

  private static String line(String text, String key) {
    for (String l : text.split("\n")) {
      if (l.strip().startsWith(key + " ")) {
        return l;
      }
    }
    throw new AssertionError("no line " + key + " in\n" + text);
  }
}
