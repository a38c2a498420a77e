package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the socket tables: the {@code /proc/net/tcp|udp[6]} parser and the netlink
 * sock_diag reply parser (docs/fuzzing.md). Without JAZZER_FUZZ they replay the corpora in {@code
 * ProcNetFuzzTestInputs/<method>/}.
 */
class ProcNetFuzzTest {
  /**
   * Arbitrary text: no exception, and every socket read has ports in 0–65535 and an address of the
   * table's family. A line written as the kernel writes it parses back to its values.
   */
  @FuzzTest
  void procNet(FuzzedDataProvider data) throws Exception {
    Protocol protocol = data.consumeBoolean() ? Protocol.TCP : Protocol.UDP;
    int ipVersion = data.consumeBoolean() ? 4 : 6;
    if (data.consumeBoolean()) {
      String text = data.consumeRemainingAsString();
      for (SocketEntry s : ProcNetParser.parse(text, protocol, ipVersion)) {
        checkEntry(s, ipVersion);
      }
      return;
    }
    byte[] local = data.consumeBytes(ipVersion == 4 ? 4 : 16);
    byte[] remote = data.consumeBytes(ipVersion == 4 ? 4 : 16);
    if (local.length != remote.length || local.length != (ipVersion == 4 ? 4 : 16)) {
      return;
    }
    int localPort = data.consumeInt(0, 65535);
    int remotePort = data.consumeInt(1, 65535);
    int state = data.consumeInt(1, 12);
    int uid = data.consumeInt(0, Integer.MAX_VALUE);
    long inode = data.consumeLong(0, 0xFFFF_FFFFL);
    String line =
        String.format(
            "%4d: %s:%04X %s:%04X %02X 00000000:00000000 00:00000000 00000000 %5d        0 %d 1"
                + " 0000000000000000 100 0 0 10 0\n",
            0, kernelHex(local), localPort, kernelHex(remote), remotePort, state, uid, inode);
    String header =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";
    List<SocketEntry> parsed = ProcNetParser.parse(header + line, protocol, ipVersion);
    assertEquals(1, parsed.size(), line);
    SocketEntry s = parsed.get(0);
    checkEntry(s, ipVersion);
    assertEquals(InetAddress.getByAddress(local), s.localAddress(), line);
    assertEquals(localPort, s.localPort(), line);
    assertEquals(InetAddress.getByAddress(remote), s.remoteAddress(), line);
    assertEquals(remotePort, s.remotePort(), line);
    assertEquals(SocketState.fromKernelCode(state, protocol), s.state(), line);
    assertEquals(uid, s.uid(), line);
    assertEquals(inode, s.inode(), line);
  }

  /**
   * Arbitrary datagrams: no exception, an outcome of DONE, MORE or FAILED, sockets of IPv4 or IPv6
   * only. Well-formed messages parse back to what was written, and the parse stops at DONE.
   */
  @FuzzTest
  void netlink(FuzzedDataProvider data) throws Exception {
    int seq = 7;
    ByteBuffer b = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
    List<SocketEntry> expected = new ArrayList<>();
    boolean wellFormed = data.consumeBoolean();
    if (wellFormed) {
      int count = data.consumeInt(0, 20);
      for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
        boolean v4 = data.consumeBoolean();
        byte[] local = java.util.Arrays.copyOf(data.consumeBytes(v4 ? 4 : 16), v4 ? 4 : 16);
        int port = data.consumeInt(0, 65535);
        int uid = data.consumeInt(0, Integer.MAX_VALUE);
        int inode = data.consumeInt();
        b.putInt(16 + 72).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
        b.put((byte) (v4 ? 2 : 10)).put((byte) 10).put((byte) 0).put((byte) 0);
        b.put((byte) (port >> 8)).put((byte) port).put((byte) 0).put((byte) 0);
        b.put(java.util.Arrays.copyOf(local, 16)).put(new byte[16]);
        b.putInt(0).putLong(0);
        b.putInt(0).putInt(0).putInt(0).putInt(uid).putInt(inode);
        expected.add(
            new SocketEntry(
                Protocol.TCP,
                v4 ? 4 : 6,
                InetAddress.getByAddress(local),
                port,
                null,
                null,
                SocketState.LISTENING,
                List.of(),
                null,
                Reach.of(InetAddress.getByAddress(local)),
                uid,
                Integer.toUnsignedLong(inode)));
      }
      b.putInt(16 + 4).putShort((short) 3).putShort((short) 2).putInt(seq).putInt(0).putInt(0);
    } else {
      byte[] raw = data.consumeRemainingAsBytes();
      b.put(raw, 0, Math.min(raw.length, b.capacity()));
    }
    int length = b.position();
    List<SocketEntry> into = new ArrayList<>();
    int outcome = TcpDiag.parse(b, length, seq, into);
    assertTrue(
        outcome == TcpDiag.DONE || outcome == TcpDiag.MORE || outcome == TcpDiag.FAILED,
        "outcome " + outcome);
    for (SocketEntry s : into) {
      checkEntry(s, s.ipVersion());
    }
    if (wellFormed) {
      assertEquals(TcpDiag.DONE, outcome);
      assertEquals(expected, into);
    }
  }

  private static void checkEntry(SocketEntry s, int ipVersion) {
    assertTrue(s.localPort() >= 0 && s.localPort() <= 65535, "local port " + s.localPort());
    if (s.remotePort() != null) {
      assertTrue(s.remotePort() >= 0 && s.remotePort() <= 65535, "remote port " + s.remotePort());
    }
    assertNotNull(s.state());
    assertNotNull(s.localAddress());
    assertTrue(s.ipVersion() == 4 || s.ipVersion() == 6);
    // /proc/net/tcp6 lists IPv4-mapped addresses, which Java hands back as Inet4Address
    assertTrue(
        ipVersion == 6 || s.localAddress() instanceof Inet4Address,
        "an IPv6 address in an IPv4 table");
  }

  /** The kernel's text for an address: each 32-bit word in host (little-endian) order. */
  private static String kernelHex(byte[] address) {
    StringBuilder sb = new StringBuilder();
    for (int word = 0; word < address.length / 4; word++) {
      for (int i = 3; i >= 0; i--) {
        sb.append(String.format("%02X", address[word * 4 + i] & 0xff));
      }
    }
    return sb.toString();
  }
}
