package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Who holds which port: reads sockets, names their services, filters and sorts them. */
public final class PortService {
  /**
   * Protocol, local port, IP version, local address, remote address, remote port. A class rather
   * than a chain of lambdas: each lambda costs a bootstrap in a JVM that has just started.
   */
  private static final Comparator<SocketEntry> ORDER =
      new Comparator<>() {
        @Override
        public int compare(SocketEntry a, SocketEntry b) {
          int c = a.protocol().compareTo(b.protocol());
          if (c == 0) {
            c = Integer.compare(a.localPort(), b.localPort());
          }
          if (c == 0) {
            c = Integer.compare(a.ipVersion(), b.ipVersion());
          }
          if (c == 0) {
            c = IpAddress.of(a.localAddress()).compareTo(IpAddress.of(b.localAddress()));
          }
          if (c == 0) {
            c = compare(a.remoteAddress(), b.remoteAddress());
          }
          if (c == 0) {
            c = Integer.compare(remotePort(a), remotePort(b));
          }
          return c;
        }

        /** By value, as numbers (10.0.0.9 before 10.0.0.10); no address first. */
        private int compare(InetAddress x, InetAddress y) {
          if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
          }
          return IpAddress.of(x).compareTo(IpAddress.of(y));
        }

        private int remotePort(SocketEntry s) {
          return s.remotePort() == null ? 0 : s.remotePort();
        }
      };

  /** Which sockets need their owners found: those a query selects before looking at owners. */
  private static final class OwnersNeeded implements Predicate<SocketEntry> {
    private final PortQuery query;

    OwnersNeeded(PortQuery query) {
      this.query = query;
    }

    @Override
    public boolean test(SocketEntry s) {
      return query.selectsWithoutOwners(s);
    }
  }

  private final SocketSource source;
  private final ServiceNames services;

  public PortService(SocketSource source, ServiceNames services) {
    this.source = source;
    this.services = services;
  }

  /** The sockets {@code query} selects, with services, sorted by protocol, port and address. */
  public PortReport ports(PortQuery query) {
    SocketSnapshot snapshot =
        source.read(
            new SocketRequest(
                query.protocols(), query.ipv4(), query.ipv6(), true, query.listeningOnly()),
            new OwnersNeeded(query));
    List<SocketEntry> named = nameServices(snapshot.sockets());
    List<SocketEntry> selected = new ArrayList<>();
    long hidden = 0;
    for (SocketEntry s : named) {
      if (query.selects(s)) {
        selected.add(s);
        if (snapshot.unreadableProcesses() > 0 && s.inode() != 0 && s.owners().isEmpty()) {
          hidden++;
        }
      }
    }
    selected.sort(ORDER);
    return new PortReport(selected, hidden, snapshot.unreadableProcesses(), snapshot.problems());
  }

  /**
   * The listening sockets (TCP listeners, unconnected UDP sockets) of each process that holds one,
   * by PID in ascending order; each list sorted by protocol and port. A socket shared by several
   * processes appears under each.
   */
  public Map<Integer, List<SocketEntry>> listeningByPid() {
    PortReport report = ports(PortQuery.listening());
    Map<Integer, List<SocketEntry>> byPid = new TreeMap<>();
    for (SocketEntry s : report.sockets()) {
      for (SocketOwner o : s.owners()) {
        List<SocketEntry> list = byPid.get(o.pid());
        if (list == null) {
          list = new ArrayList<>();
          byPid.put(o.pid(), list);
        }
        list.add(s);
      }
    }
    Map<Integer, List<SocketEntry>> frozen = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<SocketEntry>> e : byPid.entrySet()) {
      frozen.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return frozen;
  }

  /**
   * Every TCP and UDP socket by inode, with services but without owners (no walk over the
   * processes): for a caller that knows which inodes it holds, e.g. one process's descriptors.
   */
  public Map<Long, SocketEntry> socketsByInode() {
    SocketSnapshot snapshot = source.read(SocketRequest.everything().withOwners(false));
    Map<Long, SocketEntry> byInode = new HashMap<>();
    for (SocketEntry s : nameServices(snapshot.sockets())) {
      if (s.inode() != 0) {
        byInode.putIfAbsent(s.inode(), s);
      }
    }
    return byInode;
  }

  /**
   * Names each socket's service: a listener's by its local port; a connection's by its local port
   * when that port is also listening here (the server side), otherwise by its remote port.
   */
  List<SocketEntry> nameServices(List<SocketEntry> sockets) {
    Set<String> listeningPorts = new HashSet<>();
    for (SocketEntry s : sockets) {
      if (s.isListening()) {
        listeningPorts.add(s.protocol() + "/" + s.localPort());
      }
    }
    List<SocketEntry> named = new ArrayList<>(sockets.size());
    for (SocketEntry s : sockets) {
      String name;
      if (s.isListening()
          || s.remotePort() == null
          || listeningPorts.contains(s.protocol() + "/" + s.localPort())) {
        name = services.name(s.localPort(), s.protocol());
      } else {
        name = services.name(s.remotePort(), s.protocol());
      }
      named.add(name == null ? s : s.withService(name));
    }
    return named;
  }
}
