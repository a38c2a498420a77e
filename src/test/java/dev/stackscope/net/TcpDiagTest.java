package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TcpDiagTest {
  private static final int SEQ = 7;

  /** One datagram of hand-made netlink messages, in host order like the kernel's. */
  private static final class Datagram {
    final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());

    Datagram socket(
        int seq,
        int family,
        int state,
        byte[] local,
        int localPort,
        byte[] remote,
        int remotePort,
        int uid,
        long inode) {
      int at = b.position();
      b.putInt(16 + 72).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
      b.put((byte) family).put((byte) state).put((byte) 0).put((byte) 0);
      b.put((byte) (localPort >> 8)).put((byte) localPort); // network order
      b.put((byte) (remotePort >> 8)).put((byte) remotePort);
      b.put(java.util.Arrays.copyOf(local, 16)).put(java.util.Arrays.copyOf(remote, 16));
      b.putInt(0).putLong(0); // interface, cookie
      b.putInt(0).putInt(0).putInt(0).putInt(uid).putInt((int) inode);
      assertEquals(at + 88, b.position());
      return this;
    }

    Datagram control(int seq, int type, int payload) {
      b.putInt(16 + payload).putShort((short) type).putShort((short) 2).putInt(seq).putInt(0);
      for (int i = 0; i < payload; i++) {
        b.put((byte) 0);
      }
      return this;
    }

    int parse(List<SocketEntry> into) {
      return TcpDiag.parse(b, b.position(), SEQ, into);
    }
  }

  private static byte[] ip(String literal) throws Exception {
    return InetAddress.getByName(literal).getAddress();
  }

  @Test
  void parsesListenersOfBothFamiliesUntilDone() throws Exception {
    List<SocketEntry> into = new ArrayList<>();
    int status =
        new Datagram()
            .socket(SEQ, 2, 10, ip("127.0.0.1"), 8080, ip("0.0.0.0"), 0, 1000, 4_000_000_001L)
            .socket(SEQ, 10, 10, ip("::1"), 443, ip("::"), 0, 0, 42)
            .socket(SEQ + 1, 2, 10, ip("10.0.0.1"), 22, ip("0.0.0.0"), 0, 0, 43) // another dump's
            .socket(SEQ, 10, 1, ip("2001:db8::1"), 50000, ip("2001:db8::2"), 5432, 0, 44)
            .control(SEQ, 3, 4) // NLMSG_DONE
            .parse(into);
    assertEquals(TcpDiag.DONE, status);
    assertEquals(3, into.size());
    SocketEntry v4 = into.get(0);
    assertEquals(4, v4.ipVersion());
    assertEquals(InetAddress.getByName("127.0.0.1"), v4.localAddress());
    assertEquals(8080, v4.localPort());
    assertNull(v4.remoteAddress());
    assertNull(v4.remotePort());
    assertEquals(SocketState.LISTENING, v4.state());
    assertEquals(Reach.LOOPBACK, v4.scope());
    assertEquals(1000, v4.uid());
    assertEquals(4_000_000_001L, v4.inode(), "an unsigned 32-bit inode");
    SocketEntry v6 = into.get(1);
    assertEquals(6, v6.ipVersion());
    assertEquals(InetAddress.getByName("::1"), v6.localAddress());
    assertEquals(443, v6.localPort());
    SocketEntry established = into.get(2);
    assertEquals(SocketState.ESTABLISHED, established.state());
    assertEquals(InetAddress.getByName("2001:db8::2"), established.remoteAddress());
    assertEquals(5432, established.remotePort());
    assertEquals(50000, established.localPort(), "ports above 32767 stay positive");
  }

  @Test
  void moreWithoutDoneAndFailureOnErrorsOrCutMessages() throws Exception {
    List<SocketEntry> into = new ArrayList<>();
    assertEquals(
        TcpDiag.MORE,
        new Datagram().socket(SEQ, 2, 10, ip("0.0.0.0"), 80, ip("0.0.0.0"), 0, 0, 1).parse(into));
    assertEquals(1, into.size());
    assertEquals(TcpDiag.FAILED, new Datagram().control(SEQ, 2, 20).parse(into), "NLMSG_ERROR");
    Datagram cut = new Datagram().socket(SEQ, 2, 10, ip("0.0.0.0"), 80, ip("0.0.0.0"), 0, 0, 1);
    assertEquals(TcpDiag.FAILED, TcpDiag.parse(cut.b, cut.b.position() - 8, SEQ, into));
    Datagram small = new Datagram().control(SEQ, 20, 8); // a socket message too short to read
    assertEquals(TcpDiag.FAILED, small.parse(into));
  }

  @Test
  void theRequestAsksForTcpInTheGivenStates() {
    ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
    TcpDiag.writeRequest(b, 10, 1 << 10, 99);
    assertEquals(72, b.getInt(0));
    assertEquals(20, b.getShort(4), "SOCK_DIAG_BY_FAMILY");
    assertEquals(0x301, b.getShort(6), "NLM_F_REQUEST | NLM_F_DUMP");
    assertEquals(99, b.getInt(8));
    assertEquals(10, b.get(16), "AF_INET6");
    assertEquals(6, b.get(17), "IPPROTO_TCP");
    assertEquals(1 << 10, b.getInt(20), "TCPF_LISTEN");
  }

  /** What both sources agree on: version, address, port, state, uid, inode. */
  private static Set<String> keys(List<SocketEntry> sockets) {
    return sockets.stream()
        .filter(s -> s.state() == SocketState.LISTENING)
        .map(
            s ->
                s.ipVersion()
                    + " "
                    + s.localAddress().getHostAddress()
                    + " "
                    + s.localPort()
                    + " "
                    + s.uid()
                    + " "
                    + s.inode())
        .collect(Collectors.toSet());
  }

  private static List<SocketEntry> proc(String file, int version) throws Exception {
    return ProcNetParser.parse(
        Files.readString(Path.of("/proc/net/" + file)), Protocol.TCP, version);
  }

  @Test
  void liveListenersAreTheOnesProcNetTcpLists() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "/proc/net/tcp absent: not Linux");
    TcpDiag diag = new TcpDiag();
    assumeTrue(diag.enable(), "no sock_diag netlink here (or no JNA): /proc/net is used instead");
    try (ServerSocket v4 = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        ServerSocket v6 = new ServerSocket(0, 5, InetAddress.getByName("::1"))) {
      Set<String> fromNetlink = Set.of();
      Set<String> fromProc = Set.of();
      for (int attempt = 0; attempt < 5; attempt++) { // other processes may come and go meanwhile
        fromProc = keys(concat(proc("tcp", 4), proc("tcp6", 6)));
        fromNetlink =
            keys(concat(diag.listeners(4).orElseThrow(), diag.listeners(6).orElseThrow()));
        if (fromNetlink.equals(fromProc)) {
          break;
        }
      }
      assertEquals(fromProc, fromNetlink);
      assertTrue(fromNetlink.stream().anyMatch(k -> k.contains(" " + v4.getLocalPort() + " ")));
      assertTrue(
          fromNetlink.stream()
              .anyMatch(k -> k.startsWith("6 ") && k.contains(" " + v6.getLocalPort() + " ")));
      for (SocketEntry s : diag.listeners(4).orElseThrow()) {
        assertEquals(SocketState.LISTENING, s.state(), "listeners only: " + s);
      }
    }
  }

  private static List<SocketEntry> concat(List<SocketEntry> a, List<SocketEntry> b) {
    List<SocketEntry> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
