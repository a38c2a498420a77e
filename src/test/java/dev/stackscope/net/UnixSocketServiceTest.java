package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.os.Accounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over a fixed list of sockets and an empty /proc: selection, peers, order. */
class UnixSocketServiceTest {
  @TempDir Path proc;

  private UnixReport read(UnixQuery query, UnixDiag.Entry... entries) {
    UnixSocketReader reader = () -> Optional.of(List.of(entries));
    return new UnixSocketService(reader, proc, new Accounts(proc)).sockets(query);
  }

  private static UnixDiag.Entry entry(long inode, int type, int state, String name, long peer) {
    boolean abs = name != null && name.startsWith("@");
    return new UnixDiag.Entry(inode, type, state, name, abs, peer, 0, 0, 0, 1000);
  }

  @Test
  void byDefaultTheSocketsWaitingForPeersAsSsDashL() {
    UnixReport r =
        read(
            new UnixQuery(false, null, null, null),
            entry(1, 1, 10, "/run/a.sock", 0),
            entry(2, 1, 1, "/run/a.sock", 3),
            entry(3, 1, 1, null, 2),
            entry(4, 2, 7, "@log", 0),
            entry(5, 5, 7, null, 0));
    assertTrue(r.available());
    assertEquals(List.of(1L, 4L, 5L), r.sockets().stream().map(UnixSocket::inode).toList());
    assertEquals(UnixSocket.Kind.SEQPACKET, r.sockets().get(2).type());
    assertEquals(SocketState.UNCONNECTED, r.sockets().get(1).state(), "7 is UNCONN for Unix");
    assertEquals(ConnectAccess.Who.ANY_USER, r.sockets().get(1).access().who(), "abstract");
    assertNull(r.sockets().get(2).access(), "unnamed: nothing to connect to");
  }

  @Test
  void peersAreResolvedByInodeAndPathsComeFirst() {
    UnixReport r =
        read(
            new UnixQuery(true, null, null, null),
            entry(3, 1, 1, null, 2),
            entry(2, 1, 1, "/run/a.sock", 3),
            entry(9, 1, 1, null, 77)); // its peer is not in the dump (still in a listener's queue)
    assertEquals(List.of(2L, 3L, 9L), r.sockets().stream().map(UnixSocket::inode).toList());
    UnixSocket client = r.sockets().get(1);
    assertEquals(2, client.peer().inode());
    assertEquals("/run/a.sock", client.peer().name());
    assertNull(r.sockets().get(2).peer().name());
    assertEquals(77, r.sockets().get(2).peer().inode());
  }

  @Test
  void aListenerWhoseFileIsGoneCanBeReachedByNobody() {
    UnixDiag.Entry gone =
        new UnixDiag.Entry(1, 1, 10, proc.resolve("gone.sock").toString(), false, 0, 5, 0, 8, 0);
    UnixSocket s = read(new UnixQuery(false, null, null, null), gone).sockets().get(0);
    assertEquals(ConnectAccess.Who.NOBODY, s.access().who());
    assertFalse(s.file().present());
    assertFalse(s.acceptQueueFull());
  }

  @Test
  void aFullAcceptQueue() {
    UnixDiag.Entry full = new UnixDiag.Entry(1, 1, 10, "@q", true, 0, 0, 3, 3, 0);
    assertTrue(
        read(new UnixQuery(false, null, null, null), full).sockets().get(0).acceptQueueFull());
  }

  @Test
  void withoutNetlinkTheReportSaysSo() {
    UnixReport r =
        new UnixSocketService(Optional::empty, proc, new Accounts(proc))
            .sockets(new UnixQuery(false, null, null, null));
    assertFalse(r.available());
    assertEquals(
        List.of("cannot list Unix sockets: the kernel's sock_diag netlink is not available"),
        r.problems());
  }
}
