package dev.stackscope.cli.net;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.net.PortReport;
import dev.stackscope.testing.CliRunner.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortsCommandTest {
  private static final long SELF = ProcessHandle.current().pid();

  @ParameterizedTest
  @CsvSource({
    "--port, 70000, 1 to 65535",
    "--port, 0, 1 to 65535",
    "--state, nonsense, 'established, syn-sent'",
    "--pid, abc, positive whole number",
    "--process, '(', regular expression",
    "--sample, 5parsecs, such as 5s or 500ms",
    "--sample, 2h, up to 1h",
    "--sample, 0, from 1ms",
  })
  void badInputIsAUsageError(String option, String value, String accepted) {
    Result r = stackscope("ports", option, value);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(accepted), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("", r.out());
  }

  @Test
  void sampleIsForTcpListenersOnly() {
    Result r = stackscope("ports", "--unix", "--sample", "1s");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("cannot be combined with --unix or --watch"), r.err());
  }

  /** A listener of this JVM's with backlog 7: its queue 0 of 7, in the table and in JSON. */
  @Test
  void aListenersAcceptQueueAgainstItsBacklog() throws Exception {
    assumeTrue(new dev.stackscope.net.TcpDiag().enable(), "no sock_diag netlink: no backlogs");
    try (ServerSocket server = new ServerSocket(0, 7, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      Result json = stackscope("ports", "-t", "--port", "" + port, "--json");
      JsonNode own = null;
      for (JsonNode s : json.json()) {
        if (s.get("state").asText().equals("listening")) {
          own = s;
        }
      }
      assertTrue(own != null, json.out());
      assertEquals(0, own.get("acceptQueue").asInt(), own.toString());
      assertEquals(7, own.get("backlog").asInt(), own.toString());
      Result text = stackscope("ports", "-t", "--port", "" + port);
      assertTrue(text.lines().get(0).endsWith("QUEUE"), text.out());
      assertTrue(text.lines().get(1).endsWith(" 0/7"), text.out());
    }
  }

  @Test
  void theHiddenOwnersNoteSaysWhetherRootWouldSeeThem() {
    assertEquals(
        "3 sockets' owners are hidden (2 processes not readable by this user); root sees them",
        PortsCommand.hiddenOwnersNote(new PortReport(List.of(), 3, 2, List.of()), false));
    assertEquals(
        "1 socket's owner is hidden (1 process whose descriptors even root cannot read)",
        PortsCommand.hiddenOwnersNote(new PortReport(List.of(), 1, 1, List.of()), true));
  }

  @Test
  void listsOwnListenerAsTextAndJson() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "/proc/net/tcp absent: not Linux");
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), listener.getLocalPort());
        Socket accepted = listener.accept()) {
      String port = Integer.toString(listener.getLocalPort());
      Result text = stackscope("ports", "-t", "--port", port, "--pid", Long.toString(SELF));
      assertEquals(0, text.exitCode(), text.toString());
      assertTrue(text.out().startsWith("PROTO"), text.out());
      String row =
          text.out().lines().filter(l -> l.contains("127.0.0.1:" + port)).findFirst().orElseThrow();
      assertTrue(
          row.contains("listening")
              && row.contains("loopback only")
              && row.contains(" " + SELF + " "),
          row);
      assertFalse(text.out().contains("established"), "default lists listeners only");

      // Only this JVM's sockets: other programs may use the same port number at other addresses.
      Result all =
          stackscope(
              "ports",
              "-a",
              "--port",
              port,
              "--state",
              "established",
              "--pid",
              Long.toString(SELF),
              "--json");
      assertEquals(0, all.exitCode(), all.toString());
      // both ends of the pair, each with this JVM as owner
      JsonNode sockets = all.json();
      assertEquals(
          List.of("established", "established"), sockets.findValuesAsText("state"), all::toString);
      assertTrue(
          sockets.findValues("pid").stream().allMatch(p -> p.asLong() == SELF), all::toString);
      assertTrue(
          sockets.findValues("remotePort").stream().anyMatch(p -> p.asText().equals(port)),
          all::toString);
      // the JVM opens dual-stack sockets: IPv6 with an IPv4-mapped address, shown as IPv4
      assertTrue(sockets.findValuesAsText("localAddress").contains("127.0.0.1"), all::toString);
      assertTrue(sockets.findValuesAsText("scope").contains("loopback only"), all::toString);

      Result none =
          stackscope("ports", "-u", "--port", port, "--pid", Long.toString(SELF), "--json");
      assertEquals(0, none.exitCode(), none::toString);
      assertTrue(none.json().isArray() && none.json().isEmpty(), none::toString);
    }
  }
}
