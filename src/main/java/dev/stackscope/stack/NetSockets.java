package dev.stackscope.stack;

import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketOwnerScan;
import dev.stackscope.net.SocketRequest;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import dev.stackscope.net.UnixDiag;
import dev.stackscope.net.UnixSocketService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The TCP sockets of a {@link SocketSource} (the net package) as the stack map's input, and the
 * read of them together with the Unix sockets' connections.
 */
public final class NetSockets {
  /** What the map reads: TCP, both IP versions, with owners. */
  public static final SocketRequest REQUEST =
      new SocketRequest(EnumSet.of(Protocol.TCP), true, true, true);

  /** The TCP sockets without owners: their holders come from a walk shared with Unix sockets. */
  static final SocketRequest WITHOUT_OWNERS = REQUEST.withOwners(false);

  private NetSockets() {}

  /** One snapshot's sockets: TCP with owners, and the connections over Unix sockets. */
  record Read(SocketSnapshot tcp, List<UnixLink> unixLinks) {}

  /**
   * Reads the TCP sockets of {@code sockets} with their holders and, when {@code unix} is given,
   * the Unix connections from {@code unix} (the same host): one walk over {@code /proc/[pid]/fd}
   * for both. The Unix dump (netlink; in a fresh JVM it loads JNA first) is read on a second thread
   * meanwhile.
   */
  static Read read(SocketSource sockets, UnixSocketService unix) throws InterruptedException {
    if (unix == null) {
      return new Read(sockets.read(REQUEST), List.of());
    }
    FutureTask<Optional<List<UnixDiag.Entry>>> dump = new FutureTask<>(new UnixDump(unix));
    Thread reader = new Thread(dump, "stack-unix-sockets");
    reader.setDaemon(true);
    reader.start();
    SocketSnapshot withoutOwners = sockets.read(WITHOUT_OWNERS);
    SocketOwnerScan walked = unix.walk();
    SocketSnapshot tcp = walked.withOwners(withoutOwners);
    Optional<List<UnixDiag.Entry>> entries;
    try {
      entries = dump.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
    return new Read(tcp, UnixLink.read(unix, entries, walked));
  }

  /** The Unix dump (a class, not a lambda: see {@link StackMapper}'s orders). */
  private record UnixDump(UnixSocketService unix)
      implements Callable<Optional<List<UnixDiag.Entry>>> {
    @Override
    public Optional<List<UnixDiag.Entry>> call() {
      return unix.read();
    }
  }

  /** The snapshot's TCP sockets; a listener's missing peer becomes the wildcard and port 0. */
  public static List<StackSocket> of(SocketSnapshot snapshot) {
    List<StackSocket> out = new ArrayList<>(snapshot.sockets().size());
    for (SocketEntry e : snapshot.sockets()) {
      if (e.protocol() != Protocol.TCP) {
        continue;
      }
      StackSocket.State state =
          switch (e.state()) {
            case LISTENING -> StackSocket.State.LISTEN;
            case ESTABLISHED -> StackSocket.State.ESTABLISHED;
            case TIME_WAIT -> StackSocket.State.TIME_WAIT;
            default -> StackSocket.State.OTHER;
          };
      InetAddress remote =
          e.remoteAddress() != null ? e.remoteAddress() : wildcard(e.localAddress());
      int remotePort = e.remotePort() != null ? e.remotePort() : 0;
      List<Integer> pids = new ArrayList<>(e.owners().size());
      for (SocketOwner o : e.owners()) {
        if (!pids.contains(o.pid())) {
          pids.add(o.pid());
        }
      }
      out.add(new StackSocket(state, e.localAddress(), e.localPort(), remote, remotePort, pids));
    }
    return out;
  }

  private static InetAddress wildcard(InetAddress like) {
    try {
      return InetAddress.getByAddress(new byte[like.getAddress().length]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
