package dev.stackscope.stack;

import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketRequest;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The TCP sockets of a {@link SocketSource} (the net package) as the stack map's input. */
public final class NetSockets {
  /** What the map reads: TCP, both IP versions, with owners. */
  public static final SocketRequest REQUEST =
      new SocketRequest(EnumSet.of(Protocol.TCP), true, true, true);

  private NetSockets() {}

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
