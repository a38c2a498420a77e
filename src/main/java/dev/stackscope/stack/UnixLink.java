package dev.stackscope.stack;

import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketOwnerScan;
import dev.stackscope.net.SocketState;
import dev.stackscope.net.UnixDiag;
import dev.stackscope.net.UnixQuery;
import dev.stackscope.net.UnixReport;
import dev.stackscope.net.UnixSocket;
import dev.stackscope.net.UnixSocketService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection over a Unix socket as the stack map needs it: the path the client reached (an
 * abstract name as {@code @name}), the server end's and the client end's inodes and holders. The
 * server end of an accepted connection carries its listener's name; the client end has none.
 */
public record UnixLink(
    String path,
    long serverInode,
    long clientInode,
    List<Integer> serverPids,
    List<Integer> clientPids) {
  public UnixLink {
    serverPids = List.copyOf(serverPids);
    clientPids = List.copyOf(clientPids);
  }

  private static final UnixQuery CONNECTED =
      new UnixQuery(true, SocketState.ESTABLISHED, null, null);

  /**
   * The established connections to a named Unix socket in {@code dump} (none without netlink), with
   * the holders of a walk over every socket (the one the TCP sockets' holders came from).
   */
  static List<UnixLink> read(
      UnixSocketService unix, Optional<List<UnixDiag.Entry>> dump, SocketOwnerScan walked) {
    return of(unix.sockets(CONNECTED, dump, walked));
  }

  private static List<UnixLink> of(UnixReport report) {
    List<UnixLink> links = new ArrayList<>();
    for (UnixSocket s : report.sockets()) {
      if (s.name() != null && s.peer() != null && s.peer().name() == null) {
        links.add(
            new UnixLink(
                s.name(), s.inode(), s.peer().inode(), pids(s.owners()), pids(s.peer().owners())));
      }
    }
    return links;
  }

  private static List<Integer> pids(List<SocketOwner> owners) {
    List<Integer> pids = new ArrayList<>(owners.size());
    for (SocketOwner o : owners) {
      pids.add(o.pid());
    }
    return pids;
  }

  /**
   * Two snapshots' links: one per connection (both inodes), the later's holders winning when known.
   */
  static List<UnixLink> merge(List<UnixLink> earlier, List<UnixLink> later) {
    Map<String, UnixLink> byKey = new LinkedHashMap<>();
    for (List<UnixLink> list : List.of(earlier, later)) {
      for (UnixLink l : list) {
        String key = l.serverInode() + "|" + l.clientInode();
        UnixLink old = byKey.get(key);
        if (old == null || !(l.serverPids().isEmpty() || l.clientPids().isEmpty())) {
          byKey.put(key, l);
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }
}
