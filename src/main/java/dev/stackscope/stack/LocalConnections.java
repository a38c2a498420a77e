package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.stack.StackSocket.State;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP connections between two local endpoints, seen from their client side: the server is the
 * end that owns a listener on that port. A connection seen from both ends is one connection.
 */
final class LocalConnections {
  private LocalConnections() {}

  /**
   * A connection between two local endpoints.
   *
   * @param clientPids the processes holding the client end (empty when not visible)
   * @param serverPids the processes holding the server's listener
   * @param port the server's port
   * @param state ESTABLISHED, or TIME_WAIT when no end saw it established
   */
  record Connection(Set<Integer> clientPids, Set<Integer> serverPids, int port, State state) {}

  /** The listening sockets of the inputs. */
  static List<StackSocket> listeners(StackInputs in) {
    List<StackSocket> listens = new ArrayList<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() == State.LISTEN) {
        listens.add(s);
      }
    }
    return listens;
  }

  /** Local connections from their client side, merged by both ends. */
  static List<Connection> of(StackInputs in, List<StackSocket> listens) {
    Map<String, Set<Integer>> clients = new LinkedHashMap<>();
    Map<String, StackSocket> server = new LinkedHashMap<>();
    Map<String, State> states = new HashMap<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() != State.ESTABLISHED && s.state() != State.TIME_WAIT) {
        continue;
      }
      if (!Addresses.isLocal(s.remoteAddress(), in.localAddresses())) {
        continue;
      }
      Optional<StackSocket> ownListener = listener(listens, s.localAddress(), s.localPort());
      String key;
      StackSocket serverListener;
      Set<Integer> clientPids;
      if (ownListener.isPresent()) {
        key =
            endpoint(s.remoteAddress(), s.remotePort())
                + ">"
                + endpoint(s.localAddress(), s.localPort());
        serverListener = ownListener.get();
        clientPids = Set.of();
      } else {
        Optional<StackSocket> l = listener(listens, s.remoteAddress(), s.remotePort());
        if (l.isEmpty()) {
          continue;
        }
        key =
            endpoint(s.localAddress(), s.localPort())
                + ">"
                + endpoint(s.remoteAddress(), s.remotePort());
        serverListener = l.get();
        clientPids = new HashSet<>(s.pids());
      }
      Set<Integer> known = clients.get(key);
      if (known == null) {
        known = new TreeSet<>();
        clients.put(key, known);
      }
      known.addAll(clientPids);
      server.put(key, serverListener);
      if (states.get(key) != State.ESTABLISHED) {
        states.put(key, s.state());
      }
    }
    List<Connection> out = new ArrayList<>();
    for (Map.Entry<String, Set<Integer>> e : clients.entrySet()) {
      StackSocket l = server.get(e.getKey());
      out.add(
          new Connection(
              e.getValue(), new TreeSet<>(l.pids()), l.localPort(), states.get(e.getKey())));
    }
    return out;
  }

  /**
   * The listener that accepts connections to this address and port: bound to it, or to a wildcard.
   */
  static Optional<StackSocket> listener(List<StackSocket> listens, InetAddress a, int port) {
    StackSocket wildcard = null;
    for (StackSocket l : listens) {
      if (l.localPort() != port) {
        continue;
      }
      if (l.localAddress().equals(a)) {
        return Optional.of(l);
      }
      if (l.localAddress().isAnyLocalAddress() && wildcard == null) {
        wildcard = l;
      }
    }
    return Optional.ofNullable(wildcard);
  }

  /** An endpoint's key: address text and port. */
  static String endpoint(InetAddress a, int port) {
    return IpAddress.text(a) + "#" + port;
  }
}
