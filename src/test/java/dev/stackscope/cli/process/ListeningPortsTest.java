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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listening ports on processes: {@code tree --ports}. */
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
        p, a.getAddress().length == 16 ? 6 : 4, a, port, null, null,
        p == Protocol.TCP ? SocketState.LISTENING : SocketState.UNCONNECTED,
        List.of(), null, Reach.LOOPBACK, 0, 1);
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
      List<?> listening = (List<?>) JsonValue.object(j.out()).get("listening");
      assertEquals(2, listening.size(), j::toString);
      Map<?, ?> first = (Map<?, ?>) listening.get(0);
      assertEquals("tcp", first.get("protocol"));
      assertEquals((long) tcp, first.get("localPort"));
      assertEquals("127.0.0.1", first.get("localAddress"));
      assertEquals("loopback only", first.get("scope"));
      Map<?, ?> second = (Map<?, ?>) listening.get(1);
      assertEquals("udp", second.get("protocol"));
      assertEquals((long) udp, second.get("localPort"));

      Map<String, Object> without = JsonValue.object(stackscope("tree", "--json", pid).out());
      assertTrue(without.containsKey("listening") && without.get("listening") == null);
    }
  }
}
