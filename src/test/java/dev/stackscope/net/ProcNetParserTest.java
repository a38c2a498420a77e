package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetParserTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = ProcNetParserTest.class.getResourceAsStream("proc/net/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void ipv6WordsAreLittleEndian() {
    assertEquals("::1", AddressText.of(ProcNetParser.address("00000000000000000000000001000000")));
    assertEquals(
        "fe80::1", AddressText.of(ProcNetParser.address("000080FE000000000000000001000000")));
    assertEquals(
        "2001:db8::a:1",
        AddressText.of(ProcNetParser.address("B80D0120000000000000000001000A00")));
    assertEquals("127.0.0.1", ProcNetParser.address("0100007F").getHostAddress());
    assertEquals("192.168.1.20", ProcNetParser.address("1401A8C0").getHostAddress());
    assertThrows(IllegalArgumentException.class, () -> ProcNetParser.address("0100"));
  }

  @Test
  void parsesTcp6Listeners() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("tcp6"), Protocol.TCP, 6);
    assertEquals(5, sockets.size());
    SocketEntry any = sockets.get(0);
    assertEquals("::", AddressText.of(any.localAddress()));
    assertEquals(22, any.localPort());
    assertEquals(SocketState.LISTENING, any.state());
    assertEquals(Reach.ALL_INTERFACES, any.scope());
    assertNull(any.remoteAddress());
    assertNull(any.remotePort());
    assertEquals(25817, any.inode());

    SocketEntry loopback = sockets.get(1);
    assertEquals("::1", AddressText.of(loopback.localAddress()));
    assertEquals(5432, loopback.localPort());
    assertEquals(Reach.LOOPBACK, loopback.scope());
    assertEquals(113, loopback.uid());

    SocketEntry mapped = sockets.get(2);
    assertEquals("127.0.0.1", AddressText.of(mapped.localAddress()));
    assertEquals(6, mapped.ipVersion());
    assertEquals(Reach.LOOPBACK, mapped.scope());

    SocketEntry established = sockets.get(3);
    assertEquals(SocketState.ESTABLISHED, established.state());
    assertEquals("2001:db8::a:1", AddressText.of(established.localAddress()));
    assertEquals("2001:db8::99", AddressText.of(established.remoteAddress()));
    assertEquals(443, established.localPort());
    assertEquals(51234, established.remotePort());
    assertEquals(Reach.PUBLIC, established.scope());

    SocketEntry linkLocal = sockets.get(4);
    assertEquals(Reach.LINK_LOCAL, linkLocal.scope());
    assertEquals(SocketState.TIME_WAIT, linkLocal.state());
    assertEquals(0, linkLocal.inode());
  }

  @Test
  void parsesTcpAndSkipsMalformedLines() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("tcp"), Protocol.TCP, 4);
    assertEquals(3, sockets.size());
    assertEquals("0.0.0.0", sockets.get(0).localAddress().getHostAddress());
    assertEquals(80, sockets.get(0).localPort());
    assertEquals("10.0.0.5", sockets.get(1).localAddress().getHostAddress());
    assertEquals(Reach.PRIVATE, sockets.get(1).scope());
    assertEquals(SocketState.SYN_RECV, sockets.get(2).state()); // 0C: TCP_NEW_SYN_RECV
  }

  @Test
  void udpCloseIsUnconnectedAndCountsAsListening() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("udp"), Protocol.UDP, 4);
    assertEquals(2, sockets.size());
    assertEquals(SocketState.UNCONNECTED, sockets.get(0).state());
    assertEquals(53, sockets.get(0).localPort());
    assertEquals("127.0.0.53", sockets.get(0).localAddress().getHostAddress());
    assertEquals(true, sockets.get(0).isListening());
    assertEquals(SocketState.ESTABLISHED, sockets.get(1).state());
    assertEquals(false, sockets.get(1).isListening());
  }

  @Test
  void emptyTableHasNoSockets() {
    assertEquals(List.of(), ProcNetParser.parse("  sl  local_address rem_address\n", Protocol.TCP, 4));
    assertEquals(List.of(), ProcNetParser.parse("", Protocol.UDP, 6));
  }
}
