package dev.stackscope.cli.dns;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server's address is written in RFC 5952 text, in brackets with its port: [::1]:53. */
class DnsServerTextTest {
  @Test
  @SuppressWarnings("unchecked")
  void anIpv6ServerIsWrittenCompressed() throws Exception {
    // a UDP socket on ::1 that never answers: every attempt times out, and names the server
    DatagramSocket silent;
    try {
      silent =
          new DatagramSocket(
              new InetSocketAddress(
                  InetAddress.getByAddress(
                      new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                  0));
    } catch (SocketException e) {
      assumeTrue(false, "no IPv6 loopback (::1) here: " + e.getMessage());
      return;
    }
    try (silent) {
      int port = silent.getLocalPort();
      Result r =
          stackscope(
              "dns",
              "resolve",
              "name.example.test",
              "A",
              "--server",
              "[::1]:" + port,
              "--timeout",
              "50",
              "--tries",
              "1",
              "--json");
      assertEquals(1, r.exitCode(), r.toString());
      List<Object> resolutions = (List<Object>) JsonValue.parse(r.out());
      List<Object> attempts =
          (List<Object>) ((Map<String, Object>) resolutions.get(0)).get("attempts");
      assertFalse(attempts.isEmpty(), r.out());
      for (Object a : attempts) {
        assertEquals("[::1]:" + port, ((Map<String, Object>) a).get("server"), r.out());
      }
    }
  }
}
