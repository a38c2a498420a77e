package dev.stackscope.cli.ip;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.host.Host;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatCommandTest {
  /** A real UDP server on loopback that answers every datagram with what {@code reply} makes. */
  static final class LyingServer implements AutoCloseable {
    final DatagramSocket socket;
    final Thread thread;

    LyingServer(UnaryOperator<byte[]> reply) throws SocketException, java.net.UnknownHostException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      thread =
          new Thread(
              () -> {
                byte[] buf = new byte[1500];
                while (!socket.isClosed()) {
                  try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] req = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    byte[] answer = reply.apply(req);
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
      socket.close();
      thread.join(2000);
    }
  }

  @Test
  void malformedAnswerIsAClearErrorWithExitOne() throws Exception {
    try (LyingServer s =
        new LyingServer(
            req -> {
              byte[] r = java.util.Arrays.copyOf(req, 32);
              r[0] = 0x01;
              r[1] = 0x01;
              r[3] = 12;
              r[20 + 1] = 0x20; // XOR-MAPPED-ADDRESS
              r[20 + 3] = 8;
              r[20 + 5] = 9; // address family 9
              return r;
            })) {
      Result r = stackscope("nat", "--stun", "127.0.0.1:" + s.port(), "--timeout", "1");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(
          "stackscope: malformed STUN response: XOR-MAPPED-ADDRESS has unknown address family 9"
              + " (from 127.0.0.1:"
              + s.port()
              + ")\n",
          r.err());
    }
  }

  @Test
  void garbageThatIsNotStunIsIgnoredUntilTheTimeout() throws Exception {
    try (LyingServer s = new LyingServer(req -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes())) {
      Result r = stackscope("nat", "--stun", "127.0.0.1:" + s.port(), "--timeout", "0.5");
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(
          r.err().startsWith("stackscope: no answer from STUN server 127.0.0.1:" + s.port()),
          r.err());
    }
  }

  @Test
  void badStunArgumentsAreUsageErrors() {
    Result r = stackscope("nat", "--stun", "127.0.0.1:99999");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().startsWith("stackscope: --stun 127.0.0.1:99999: port 99999 is not in 1-65535"),
        r.err());
    Result t = stackscope("nat", "--timeout", "0");
    assertEquals(2, t.exitCode(), t.toString());
  }

  @Test
  void withoutStunNoServerIsContactedAndGatewayComesFromProc(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("net"));
    try (InputStream in = getClass().getResourceAsStream("/dev/stackscope/ip/proc-net-route.txt")) {
      Files.write(proc.resolve("net/route"), in.readAllBytes());
    }
    // this host's interfaces, a fixture routing table: the run's host, not a hidden option
    CliRunner runner = new CliRunner().host(Host.builder().proc(proc).build());
    Result r = runner.run("nat", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertTrue(json.get("stun").isNull(), r.out());
    assertEquals("10.0.1.254", json.get("gateway").get("address").asText(), r.out());
    assertEquals("eth0", json.get("gateway").get("interfaceName").asText(), r.out());
    boolean loopback = false;
    for (JsonNode iface : json.get("interfaces")) {
      for (JsonNode a : iface.get("addresses")) {
        loopback |=
            a.get("address").asText().equals("127.0.0.1")
                && a.get("verdict").asText().equals("loopback");
      }
    }
    assertTrue(loopback, "lo's address, classified: " + r.out());
    Result text = runner.run("nat");
    assertTrue(text.out().contains("IPv4  10.0.1.254 via eth0  private"), text.out());
    assertTrue(text.out().startsWith("INTERFACE"), text.out());
  }

  @Test
  void procIsNoLongerAnOption() {
    Result r = stackscope("nat", "--proc", "/tmp");
    assertEquals(2, r.exitCode(), r.toString());
  }
}
