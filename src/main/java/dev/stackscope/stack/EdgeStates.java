package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketState;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.note.Note;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each edge's connections by TCP state, from one snapshot: a connection counts once, in its server
 * end's state when that end is seen (CLOSE_WAIT there means the client has closed and the server
 * has not), else its client end's. An edge with {@link StackPressure#CLOSE_WAIT_PILE_UP} or more in
 * CLOSE_WAIT is flagged; such connections whose client cannot be named become a note.
 */
final class EdgeStates {
  private EdgeStates() {}

  /** One connection between two local endpoints. */
  private static final class Conn {
    SocketEntry listener;
    SocketState serverState;
    SocketState clientState;
    List<Integer> clientPids = List.of();
  }

  static List<Edge> apply(
      List<Edge> edges,
      SocketSnapshot snapshot,
      Set<IpAddress> local,
      Map<Integer, String> idOfPid,
      List<Note> notes) {
    List<SocketEntry> listens = new ArrayList<>();
    for (SocketEntry s : snapshot.sockets()) {
      if (s.protocol() == Protocol.TCP && s.state() == SocketState.LISTENING) {
        listens.add(s);
      }
    }
    Map<String, Conn> conns = new LinkedHashMap<>();
    for (SocketEntry s : snapshot.sockets()) {
      if (s.protocol() != Protocol.TCP
          || s.remoteAddress() == null
          || s.state() == SocketState.LISTENING
          || !Addresses.isLocal(s.remoteAddress(), local)) {
        continue;
      }
      SocketEntry own = listener(listens, s.localAddress(), s.localPort());
      boolean serverEnd = own != null;
      SocketEntry l = serverEnd ? own : listener(listens, s.remoteAddress(), s.remotePort());
      if (l == null) {
        continue;
      }
      String key =
          serverEnd
              ? end(s.remoteAddress(), s.remotePort()) + ">" + end(s.localAddress(), s.localPort())
              : end(s.localAddress(), s.localPort()) + ">" + end(s.remoteAddress(), s.remotePort());
      Conn c = conns.computeIfAbsent(key, k -> new Conn());
      c.listener = l;
      if (serverEnd) {
        c.serverState = s.state();
      } else {
        c.clientState = s.state();
        c.clientPids = pids(s.owners());
      }
    }
    Map<List<Object>, Map<String, Integer>> counts = new LinkedHashMap<>();
    Map<List<Object>, Integer> orphanCloseWait = new TreeMap<>(StackEdges.PORT_NOTE_ORDER);
    for (Conn c : conns.values()) {
      String server = ComponentGrouper.first(pids(c.listener.owners()), idOfPid);
      if (server == null) {
        continue;
      }
      SocketState state = c.serverState != null ? c.serverState : c.clientState;
      String client = ComponentGrouper.first(c.clientPids, idOfPid);
      if (client == null) {
        if (state == SocketState.CLOSE_WAIT) {
          orphanCloseWait.merge(List.of(server, c.listener.localPort()), 1, Integer::sum);
        }
        continue;
      }
      if (client.equals(server)) {
        continue;
      }
      counts
          .computeIfAbsent(List.of(client, server, c.listener.localPort()), k -> new TreeMap<>())
          .merge(state.toString(), 1, Integer::sum);
    }
    orphanCloseWait.values().removeIf(n -> n < StackPressure.CLOSE_WAIT_PILE_UP);
    StackEdges.notes(orphanCloseWait, Note.Kind.CLOSE_WAIT_PILE_UP, notes);
    List<Edge> out = new ArrayList<>();
    for (Edge e : edges) {
      Map<String, Integer> states = counts.remove(List.of(e.from(), e.to(), e.port()));
      out.add(withStates(e, states, e.count()));
    }
    for (Map.Entry<List<Object>, Map<String, Integer>> e : counts.entrySet()) {
      Map<String, Integer> states = e.getValue();
      int closeWait = states.getOrDefault(SocketState.CLOSE_WAIT.toString(), 0);
      if (closeWait == 0) {
        continue; // nothing the map did not show: connections opening or closing
      }
      int total = 0;
      for (int n : states.values()) {
        total += n;
      }
      List<Object> k = e.getKey();
      out.add(
          withStates(
              new Edge((String) k.get(0), (String) k.get(1), (Integer) k.get(2), total),
              states,
              total));
    }
    return out;
  }

  private static Edge withStates(Edge e, Map<String, Integer> states, int count) {
    if (states == null) {
      return e;
    }
    int closeWait = states.getOrDefault(SocketState.CLOSE_WAIT.toString(), 0);
    return new Edge(
        e.from(),
        e.to(),
        e.port(),
        count,
        e.kind(),
        Map.copyOf(states),
        closeWait >= StackPressure.CLOSE_WAIT_PILE_UP,
        e.origin(),
        e.declaredAt());
  }

  private static List<Integer> pids(List<SocketOwner> owners) {
    List<Integer> out = new ArrayList<>(owners.size());
    for (SocketOwner o : owners) {
      out.add(o.pid());
    }
    return out;
  }

  private static String end(InetAddress a, int port) {
    return IpAddress.text(Addresses.unmapped(a)) + "#" + port;
  }

  /** The listener bound to this address and port, or to a wildcard; null when none. */
  private static SocketEntry listener(List<SocketEntry> listens, InetAddress a, int port) {
    SocketEntry wildcard = null;
    InetAddress u = Addresses.unmapped(a);
    for (SocketEntry l : listens) {
      if (l.localPort() != port) {
        continue;
      }
      InetAddress la = Addresses.unmapped(l.localAddress());
      if (la.equals(u)) {
        return l;
      }
      if (la.isAnyLocalAddress() && wildcard == null) {
        wildcard = l;
      }
    }
    return wildcard;
  }
}
