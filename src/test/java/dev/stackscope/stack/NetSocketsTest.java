package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stackscope.net.Protocol;
import dev.stackscope.net.Reach;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketRequest;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import dev.stackscope.net.SocketState;
import dev.stackscope.net.UnixDiag;
import dev.stackscope.net.UnixSocketService;
import dev.stackscope.os.Accounts;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's socket read over a fixture {@code /proc}: TCP sockets and Unix connections get their
 * holders from one walk over the descriptors, not one walk each.
 */
class NetSocketsTest {
  @TempDir Path proc;
  @TempDir Path etc;

  private void process(int pid, String comm, long... socketInodes) throws Exception {
    Path fd = Files.createDirectories(proc.resolve(pid + "/fd"));
    Files.writeString(proc.resolve(pid + "/comm"), comm + "\n");
    Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
    int n = 3;
    for (long inode : socketInodes) {
      Files.createSymbolicLink(
          fd.resolve(Integer.toString(n++)), Path.of("socket:[" + inode + "]"));
    }
  }

  /** A TCP table with one listener (inode 100); owners only when asked, as a walk of its own. */
  private static final class Tables implements SocketSource {
    final List<SocketRequest> requests = new ArrayList<>();

    @Override
    public SocketSnapshot read(SocketRequest request) {
      requests.add(request);
      InetAddress loopback = InetAddress.getLoopbackAddress();
      List<SocketOwner> owners =
          request.owners() ? List.of(new SocketOwner(-1, "own walk", null)) : List.of();
      SocketEntry listener =
          new SocketEntry(
              Protocol.TCP,
              4,
              loopback,
              8080,
              null,
              null,
              SocketState.LISTENING,
              owners,
              null,
              Reach.LOOPBACK,
              0,
              100);
      return new SocketSnapshot(List.of(listener), 0, List.of());
    }
  }

  @Test
  void tcpAndUnixHoldersComeFromOneWalk() throws Exception {
    process(10, "nginx", 100, 201); // the TCP listener, the client end of the Unix connection
    process(20, "gunicorn", 200, 300); // the server end (accepted from /run/g.sock), its listener
    List<UnixDiag.Entry> dump =
        List.of(
            new UnixDiag.Entry(300, 1, 10, "/run/g.sock", false, 0, 0, 0, 128, 0),
            new UnixDiag.Entry(200, 1, 1, "/run/g.sock", false, 201, 0, 0, 0, 0),
            new UnixDiag.Entry(201, 1, 1, null, false, 200, 0, 0, 0, 0));
    UnixSocketService unix =
        new UnixSocketService(() -> Optional.of(dump), proc, new Accounts(etc));
    Tables tables = new Tables();

    NetSockets.Read read = NetSockets.read(tables, unix);

    assertEquals(1, tables.requests.size());
    assertFalse(tables.requests.get(0).owners(), "the tables are read without a walk of their own");
    SocketEntry listener = read.tcp().sockets().get(0);
    assertEquals(List.of(10), listener.owners().stream().map(SocketOwner::pid).toList());
    assertEquals("nginx", listener.owners().get(0).process());
    assertEquals(1, read.unixLinks().size());
    UnixLink link = read.unixLinks().get(0);
    assertEquals("/run/g.sock", link.path());
    assertEquals(200, link.serverInode());
    assertEquals(201, link.clientInode());
    assertEquals(List.of(20), link.serverPids());
    assertEquals(List.of(10), link.clientPids());
  }

  @Test
  void withoutUnixSocketsTheTablesWalkForTheirOwners() throws Exception {
    Tables tables = new Tables();

    NetSockets.Read read = NetSockets.read(tables, null);

    assertEquals(List.of(NetSockets.REQUEST), tables.requests);
    assertEquals("own walk", read.tcp().sockets().get(0).owners().get(0).process());
    assertEquals(List.of(), read.unixLinks());
  }
}
