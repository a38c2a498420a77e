package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every usage error is found by {@code validate()} before {@code execute()} starts any work: a real
 * server on loopback that the command would have talked to sees nothing.
 */
class ValidateBeforeExecuteTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aDnsCommandWithABadOptionSendsNoQuery(@TempDir Path dir) throws Exception {
    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      server.setSoTimeout(300);
      String at = "127.0.0.1:" + server.getLocalPort();
      Path hints = dir.resolve("root.hints");
      Files.writeString(hints, ". 3600 NS a.root.test.\na.root.test. 3600 A 127.0.0.1\n");
      String[][] runs = {
        {"dns", "resolve", "www.example.test", "--server", at, "--tries", "0"},
        {"dns", "resolve", "www.example.test", "--server", at, "--timeout", "61s"},
        {"dns", "reverse", "127.0.0.1", "--server", at, "--timeout", "0ms"},
        {
          "dns",
          "trace",
          "www.example.test",
          "--root-hints",
          hints.toString(),
          "--port",
          String.valueOf(server.getLocalPort()),
          "--hedge",
          "-1"
        },
        {
          "dns",
          "trace",
          "www.example.test",
          "--root-hints",
          hints.toString(),
          "--port",
          String.valueOf(server.getLocalPort()),
          "--tries",
          "11"
        },
        {"explain", "www.example.test", "--server", at, "--dns-timeout", "2m"},
        {"explain", "a".repeat(64) + ".test", "--server", at}, // a label over 63 octets
      };
      for (String[] run : runs) {
        Result r = stackscope(run);
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      }
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      assertThrows(
          SocketTimeoutException.class, () -> server.receive(p), "no query reached the server");
    }
  }

  @Test
  void explainWithABadOptionOpensNoConnection() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
      listener.setSoTimeout(300);
      String target = "127.0.0.1:" + listener.getLocalPort();
      String[][] runs = {
        {"explain", target, "--connect", "--dns-timeout", "0"},
        {"explain", target, "--connect", "--root-hints", "/nonexistent"},
        {"explain", target, "--connect", "--trace", "--server", "127.0.0.1"},
        {"explain", target, "--connect", "--server", "not-an-address"},
        {"explain", target, "--connect", "--timeout", "0s"},
      };
      for (String[] run : runs) {
        Result r = stackscope(run);
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("", r.out(), r.toString());
      }
      assertThrows(SocketTimeoutException.class, listener::accept, "no connection was opened");
      // the same target with good options does connect: the listener was reachable all along
      Result ok = stackscope("explain", target, "--connect", "--json");
      assertEquals(0, ok.exitCode(), ok.toString());
      assertTrue(ok.json().at("/connect/ok").asBoolean(), ok::toString);
    }
  }

  @Test
  void aCountWithoutWatchIsFoundBeforeTheScan() {
    for (String command : new String[] {"ps", "tree", "ports", "stack"}) {
      Result r = stackscope(command, "--count", "2");
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("stackscope: --count needs --watch"), r.err());
      assertEquals("", r.out(), r.toString());
    }
  }

  @Test
  void signalAndProcRejectTheirArgumentsBeforeReadingTheHost() {
    FixtureHost.RecordingSignals signals = new FixtureHost.RecordingSignals();
    CliRunner runner =
        new CliRunner().host(FixtureHost.host(signals)).invocation(FixtureHost.invocation());
    String[][] runs = {
      {"signal", "1", "NOSUCHSIGNAL"},
      {"signal", "1", "65"},
      {"signal", "-1", "TERM"},
      {"signal", "not-a-pid", "TERM"},
      {"proc", "0x10"},
      {"proc", "99999999999"},
    };
    for (String[] run : runs) {
      Result r = runner.run(run);
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals("", r.out(), r.toString());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
    assertEquals(List.of(), signals.sent, "no signal was sent");
    Result good = runner.run("signal", "1", "0"); // PID 1 is root's here: refused, exit 1
    assertEquals(1, good.exitCode(), good.toString());
    assertEquals(List.of("1 0"), signals.sent, "the same runner does send a good one");
  }
}
