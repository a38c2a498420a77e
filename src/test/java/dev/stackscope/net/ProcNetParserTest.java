package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stackscope.ip.IpAddress;
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
    assertEquals("::1", IpAddress.text(ProcNetParser.address("00000000000000000000000001000000")));
    assertEquals(
        "fe80::1", IpAddress.text(ProcNetParser.address("000080FE000000000000000001000000")));
    assertEquals(
        "2001:db8::a:1", IpAddress.text(ProcNetParser.address("B80D0120000000000000000001000A00")));
    assertEquals("127.0.0.1", IpAddress.text(ProcNetParser.address("0100007F")));
    assertEquals("192.168.1.20", IpAddress.text(ProcNetParser.address("1401A8C0")));
    assertThrows(IllegalArgumentException.class, () -> ProcNetParser.address("0100"));
  }

  @Test
  void parsesTcp6Listeners() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("tcp6"), Protocol.TCP, 6);
    assertEquals(5, sockets.size());
    SocketEntry any = sockets.get(0);
    assertEquals("::", IpAddress.text(any.localAddress()));
    assertEquals(22, any.localPort());
    assertEquals(SocketState.LISTENING, any.state());
    assertEquals(Reach.ALL_INTERFACES, any.scope());
    assertNull(any.remoteAddress());
    assertNull(any.remotePort());
    assertEquals(25817, any.inode());

    SocketEntry loopback = sockets.get(1);
    assertEquals("::1", IpAddress.text(loopback.localAddress()));
    assertEquals(5432, loopback.localPort());
    assertEquals(Reach.LOOPBACK, loopback.scope());
    assertEquals(113, loopback.uid());

    SocketEntry mapped = sockets.get(2);
    assertEquals("127.0.0.1", IpAddress.text(mapped.localAddress()));
    assertEquals(6, mapped.ipVersion());
    assertEquals(Reach.LOOPBACK, mapped.scope());

    SocketEntry established = sockets.get(3);
    assertEquals(SocketState.ESTABLISHED, established.state());
    assertEquals("2001:db8::a:1", IpAddress.text(established.localAddress()));
    assertEquals("2001:db8::99", IpAddress.text(established.remoteAddress()));
    assertEquals(443, established.localPort());
    assertEquals(51234, established.remotePort());
    assertEquals(Reach.PRIVATE, established.scope()); // 2001:db8::/32 is documentation: not routed

    SocketEntry linkLocal = sockets.get(4);
    assertEquals(Reach.LINK_LOCAL, linkLocal.scope());
    assertEquals(SocketState.TIME_WAIT, linkLocal.state());
    assertEquals(0, linkLocal.inode());
  }

  @Test
  void parsesTcpAndSkipsMalformedLines() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("tcp"), Protocol.TCP, 4);
    assertEquals(3, sockets.size());
    assertEquals("0.0.0.0", IpAddress.text(sockets.get(0).localAddress()));
    assertEquals(80, sockets.get(0).localPort());
    assertEquals("10.0.0.5", IpAddress.text(sockets.get(1).localAddress()));
    assertEquals(Reach.PRIVATE, sockets.get(1).scope());
    assertEquals(SocketState.SYN_RECV, sockets.get(2).state()); // 0C: TCP_NEW_SYN_RECV
  }

  @Test
  void udpCloseIsUnconnectedAndCountsAsListening() throws IOException {
    List<SocketEntry> sockets = ProcNetParser.parse(fixture("udp"), Protocol.UDP, 4);
    assertEquals(2, sockets.size());
    assertEquals(SocketState.UNCONNECTED, sockets.get(0).state());
    assertEquals(53, sockets.get(0).localPort());
    assertEquals("127.0.0.53", IpAddress.text(sockets.get(0).localAddress()));
    assertEquals(true, sockets.get(0).isListening());
    assertEquals(SocketState.ESTABLISHED, sockets.get(1).state());
    assertEquals(false, sockets.get(1).isListening());
  }

  @Test
  void numbersAreReadAsTheJdkReadsThemAndBadOnesSkipTheLine() {
    String header =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    String ok =
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123 1\n";
    String bigUid = ok.replace(" 1000 ", " 4294967295 "); // Integer.parseInt would refuse it
    String badPort = ok.replace(":1F90", ":1G90");
    String noColon = ok.replace("0100007F:1F90", "0100007F1F90");
    String shortAddress = ok.replace("0100007F:", "01007F:");
    String text = header + ok + bigUid + badPort + noColon + shortAddress;
    List<SocketEntry> sockets = ProcNetParser.parse(text, Protocol.TCP, 4);
    assertEquals(1, sockets.size());
    assertEquals(8080, sockets.get(0).localPort());
    assertEquals(1000, sockets.get(0).uid());
    assertEquals(123, sockets.get(0).inode());

    // bytes past the given length are not part of the table
    byte[] b = (header + ok + ok.replace(" 123 ", " 456 ")).getBytes(StandardCharsets.US_ASCII);
    List<SocketEntry> first =
        ProcNetParser.parse(b, header.length() + ok.length(), Protocol.TCP, 4);
    assertEquals(1, first.size());
    assertEquals(123, first.get(0).inode());
  }

  @Test
  void emptyTableHasNoSockets() {
    assertEquals(
        List.of(), ProcNetParser.parse("  sl  local_address rem_address\n", Protocol.TCP, 4));
    assertEquals(List.of(), ProcNetParser.parse("", Protocol.UDP, 6));
  }
}
