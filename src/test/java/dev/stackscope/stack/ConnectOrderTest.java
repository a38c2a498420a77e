package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.ConnectStep;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Happy Eyeballs order and the sequential attempts of {@code explain --connect}, on a fake
 * connector.
 */
class ConnectOrderTest {
  static List<InetAddress> ips(String... texts) {
    List<InetAddress> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(InetAddress.getByName(t));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException(t, e);
      }
    }
    return out;
  }

  static List<String> order(String... texts) {
    return ConnectOrder.of(ips(texts)).stream().map(Explainer::text).toList();
  }

  @Test
  void ipv6AndIpv4AreInterleavedStartingWithIpv6() {
    // RFC 8305 section 4: A records come first from the resolver, the attempts still alternate
    assertEquals(
        List.of("2001:db8::1", "192.0.2.1", "2001:db8::2", "192.0.2.2"),
        order("192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"));
    assertEquals(
        List.of("2001:db8::1", "192.0.2.1", "2001:db8::2", "2001:db8::3"),
        order("2001:db8::1", "2001:db8::2", "2001:db8::3", "192.0.2.1"));
    assertEquals(List.of("::1", "127.0.0.1"), order("127.0.0.1", "::1"));
  }

  @Test
  void oneFamilyKeepsTheResolversOrder() {
    assertEquals(
        List.of("192.0.2.9", "192.0.2.1", "10.0.0.1"), order("192.0.2.9", "192.0.2.1", "10.0.0.1"));
    assertEquals(List.of("2001:db8::9", "2001:db8::1"), order("2001:db8::9", "2001:db8::1"));
  }

  @Test
  void rfc6724PrecedencePutsIpv4BeforeUniqueLocalAndTransitionalSpace() {
    // IPv4 (35) ranks above ULA (3), Teredo (5) and 6to4 (30): IPv4 leads the interleaving
    assertEquals(List.of("127.0.0.40", "fd00::40"), order("fd00::40", "127.0.0.40"));
    assertEquals(
        List.of("192.0.2.1", "2002:c000:201::1", "2001:0:db8::1"),
        order("2001:0:db8::1", "2002:c000:201::1", "192.0.2.1"));
    assertEquals(50, ConnectOrder.precedence(ips("::1").get(0)));
    assertEquals(40, ConnectOrder.precedence(ips("2a00:1450::1").get(0)));
    assertEquals(35, ConnectOrder.precedence(ips("::ffff:192.0.2.1").get(0)));
    assertEquals(1, ConnectOrder.precedence(ips("fec0::1").get(0)));
  }

  /** A connector that answers from a script and records what it was asked; no traffic at all. */
  static final class Scripted implements TcpConnect.Connector {
    final List<String> asked = new ArrayList<>();
    final List<String> open;

    Scripted(String... open) {
      this.open = Arrays.asList(open);
    }

    @Override
    public ConnectAttempt attempt(InetAddress address, int port, Duration timeout) {
      String a = Explainer.text(address);
      asked.add(a);
      return open.contains(a)
          ? ConnectAttempt.connected(a, 1)
          : ConnectAttempt.failed(a, 2, ConnectError.TIMED_OUT);
    }
  }

  @Test
  void attemptsStopAtTheFirstAddressThatConnects() {
    Scripted net = new Scripted("192.0.2.1");
    ConnectStep c =
        TcpConnect.connect(
            ips("192.0.2.1", "192.0.2.2", "2001:db8::1"), 443, Duration.ofSeconds(1), net);
    assertEquals(
        List.of("2001:db8::1", "192.0.2.1"),
        net.asked,
        "IPv6 first, then the first IPv4; no third");
    assertTrue(c.ok());
    assertEquals("192.0.2.1", c.address());
    assertEquals(443, c.port());
    assertNull(c.error());
    assertEquals(
        List.of(
            ConnectAttempt.failed("2001:db8::1", 2, ConnectError.TIMED_OUT),
            ConnectAttempt.connected("192.0.2.1", 1)),
        c.attempts());
  }

  @Test
  void whenEveryAddressFailsTheStepKeepsEachAttempt() {
    Scripted net = new Scripted();
    ConnectStep c =
        TcpConnect.connect(ips("192.0.2.1", "2001:db8::1"), 80, Duration.ofSeconds(1), net);
    assertEquals(List.of("2001:db8::1", "192.0.2.1"), net.asked);
    assertTrue(!c.ok());
    assertEquals("192.0.2.1", c.address(), "the last address tried");
    assertEquals(ConnectError.TIMED_OUT, c.error(), "the last attempt's error");
    assertEquals(
        List.of(ConnectError.TIMED_OUT, ConnectError.TIMED_OUT),
        c.attempts().stream().map(ConnectAttempt::error).toList());
    ConnectStep one =
        TcpConnect.connect(ips("192.0.2.7"), 80, Duration.ofSeconds(1), new Scripted());
    assertEquals(ConnectError.TIMED_OUT, one.error(), "one address: its own error, as before");
    assertEquals(1, one.attempts().size());
  }
}
