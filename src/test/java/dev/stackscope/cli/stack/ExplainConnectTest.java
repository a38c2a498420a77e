package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.TcpConnect;
import dev.stackscope.testing.CliRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --connect} against real loopback sockets: a server on 127.0.0.1 only, so that the
 * same port is closed on 127.0.0.2 and on ::1.
 */
class ExplainConnectTest {
  static ServerSocket server;
  static int open;
  static int closed;

  @BeforeAll
  static void listen() throws Exception {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    open = server.getLocalPort();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  static boolean ipv6Loopback() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aListeningPortConnectsAndAClosedOneIsRefused() throws Exception {
    ConnectAttempt ok = TcpConnect.tcp(ip("127.0.0.1"), open, Duration.ofSeconds(3));
    assertTrue(ok.ok(), ok.toString());
    ConnectAttempt refused = TcpConnect.tcp(ip("127.0.0.1"), closed, Duration.ofSeconds(3));
    assertFalse(refused.ok());
    assertEquals(ConnectError.REFUSED, refused.error());
  }

  @Test
  void aClosedAddressThenAnOpenOne() throws Exception {
    ConnectStep c =
        TcpConnect.connect(
            List.of(ip("127.0.0.2"), ip("127.0.0.1")),
            open,
            Duration.ofSeconds(3),
            TcpConnect::tcp);
    assertTrue(c.ok(), c.toString());
    assertEquals("127.0.0.1", c.address());
    assertEquals(2, c.attempts().size());
    assertEquals("127.0.0.2", c.attempts().get(0).address());
    assertEquals(ConnectError.REFUSED, c.attempts().get(0).error());
    assertTrue(c.attempts().get(1).ok());
  }

  @Test
  void theCommandTriesIpv6FirstThenIpv4AndReportsEachAttempt(@TempDir Path dir) throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback (::1) on this host");
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 both.test\n::1 both.test\n");
    CliRunner.Result r =
        CliRunner.stackscope(
            "explain", "both.test:" + open, "--connect", "--hosts-file", hosts.toString());
    assertEquals(0, r.exitCode(), r.toString());
    // Labels are padded to the widest in their section: match the words, not the padding.
    assertTrue(r.out().matches("(?s).*\n +attempt 1 +::1 +refused after \\d+ ms\n.*"), r.out());
    assertTrue(
        r.out().matches("(?s).*\n +attempt 2 +127\\.0\\.0\\.1 +connected in \\d+ ms\n.*"), r.out());
    assertTrue(
        r.out().matches("(?s).*\n +result +connected to 127\\.0\\.0\\.1 in \\d+ ms\n.*"), r.out());

    CliRunner.Result json =
        CliRunner.stackscope(
            "--json",
            "explain",
            "both.test:" + open,
            "--connect",
            "--hosts-file",
            hosts.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode connect = json.json().get("connect");
    assertTrue(connect.get("ok").asBoolean(), json::toString);
    assertEquals("127.0.0.1", connect.get("address").asText(), json::toString);
    JsonNode attempts = connect.get("attempts");
    assertEquals(2, attempts.size(), json::toString);
    assertEquals("::1", attempts.get(0).get("address").asText());
    assertFalse(attempts.get(0).get("ok").asBoolean());
    assertEquals("refused", attempts.get(0).get("error").asText());
    assertEquals("127.0.0.1", attempts.get(1).get("address").asText());
    assertTrue(attempts.get(1).get("ok").asBoolean());
  }

  @Test
  void whenNoAddressAnswersTheExitCodeIsOne(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.2 two.test\n127.0.0.1 two.test\n");
    CliRunner.Result r =
        CliRunner.stackscope(
            "explain", "two.test:" + closed, "--connect", "--hosts-file", hosts.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().matches("(?s).*\n +attempt 1 +127\\.0\\.0\\.2 +refused.*"), r.out());
    assertTrue(r.out().matches("(?s).*\n +attempt 2 +127\\.0\\.0\\.1 +refused.*"), r.out());
    assertTrue(r.out().contains("no address answered"), r.out());
    assertTrue(
        r.err()
            .contains(
                "connect to two.test port "
                    + closed
                    + ": all 2 addresses failed: 127.0.0.2 refused, 127.0.0.1 refused"),
        r.err());
    // one open address among closed ones is enough
    CliRunner.Result ok =
        CliRunner.stackscope(
            "explain", "two.test:" + open, "--connect", "--hosts-file", hosts.toString());
    assertEquals(0, ok.exitCode(), ok.toString());
  }
}
