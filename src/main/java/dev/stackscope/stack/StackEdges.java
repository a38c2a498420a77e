package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.stack.LocalConnections.Connection;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackSocket.State;
import dev.stackscope.stack.note.Note;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts connections into the map's links: edges between components (client → server port), and
 * connections to other hosts per component, direction, remote address and port.
 */
final class StackEdges {
  private StackEdges() {}

  private static final Comparator<External> EXTERNAL_ORDER =
      new Comparator<>() {
        @Override
        public int compare(External a, External b) {
          int c = a.component().compareTo(b.component());
          c = c != 0 ? c : a.direction().compareTo(b.direction());
          c = c != 0 ? c : a.address().compareTo(b.address());
          return c != 0 ? c : Integer.compare(a.port(), b.port());
        }
      };

  /** Adds one to the key's count and returns the new count. */
  /**
   * Component ports ({@code [id, port]}) in the order their notes have always been listed: by the
   * text "ID port PORT".
   */
  static final Comparator<List<Object>> PORT_NOTE_ORDER =
      new Comparator<>() {
        @Override
        public int compare(List<Object> a, List<Object> b) {
          return (a.get(0) + " port " + a.get(1)).compareTo(b.get(0) + " port " + b.get(1));
        }
      };

  /** One note per component port, in {@link #PORT_NOTE_ORDER}. */
  static void notes(Map<List<Object>, Integer> counts, Note.Kind kind, List<Note> notes) {
    for (Map.Entry<List<Object>, Integer> u : counts.entrySet()) {
      List<Object> at = u.getKey();
      notes.add(Note.connections(kind, (String) at.get(0), (Integer) at.get(1), u.getValue()));
    }
  }

  static <K> int count(Map<K, Integer> counts, K key) {
    Integer n = counts.get(key);
    int next = n == null ? 1 : n + 1;
    counts.put(key, next);
    return next;
  }

  /**
   * Edges between components from their local connections; what cannot be placed becomes a note.
   */
  static List<Edge> local(
      List<Connection> connections,
      Map<Integer, ComponentGroup> groupOf,
      Map<ComponentGroup, String> ids,
      Map<Integer, StackProcess> byPid,
      List<Note> notes) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    // which clients each server port has been seen with, to place TIME_WAITs without an owner
    Map<List<Object>, Set<String>> clientsOfPort = new HashMap<>();
    List<Connection> ownerless = new ArrayList<>();
    for (Connection c : connections) {
      ComponentGroup server = ComponentGrouper.first(c.serverPids(), groupOf);
      if (server == null) {
        continue;
      }
      ComponentGroup client = ComponentGrouper.first(c.clientPids(), groupOf);
      if (client == null) {
        if (c.clientPids().isEmpty()) {
          ownerless.add(c);
        }
        continue;
      }
      // a component connected to itself is a client of its own port too (no edge, see below)
      clientsOfPort
          .computeIfAbsent(List.of(ids.get(server), c.port()), k -> new TreeSet<>())
          .add(ids.get(client));
      if (client == server) {
        continue;
      }
      EdgeKind kind = Replications.kindOf(client, server, c.clientPids(), byPid);
      count(counts, List.of(ids.get(client), ids.get(server), c.port(), kind));
    }
    Map<List<Object>, Integer> unplaced = new TreeMap<>(PORT_NOTE_ORDER);
    Map<List<Object>, Integer> selfConnections = new TreeMap<>(PORT_NOTE_ORDER);
    for (Connection c : ownerless) {
      String server = ids.get(ComponentGrouper.first(c.serverPids(), groupOf));
      Set<String> known = clientsOfPort.getOrDefault(List.of(server, c.port()), Set.of());
      if (c.state() == State.TIME_WAIT && known.size() == 1) {
        String client = known.iterator().next();
        if (client.equals(server)) {
          count(selfConnections, List.of(server, c.port()));
        } else {
          // a replica holds its connection open: a closed one on its primary's port was someone
          // else's
          List<Object> asClient = List.of(client, server, c.port(), EdgeKind.CLIENT);
          if (counts.containsKey(List.of(client, server, c.port(), EdgeKind.REPLICATION))
              && !counts.containsKey(asClient)) {
            count(unplaced, List.of(server, c.port()));
          } else {
            count(counts, asClient);
          }
        }
      } else {
        count(unplaced, List.of(server, c.port()));
      }
    }
    notes(unplaced, Note.Kind.UNIDENTIFIED_CLIENT, notes);
    notes(selfConnections, Note.Kind.SELF_CONNECTION, notes);
    List<Edge> edges = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : counts.entrySet()) {
      List<Object> k = e.getKey();
      edges.add(
          new Edge(
              (String) k.get(0),
              (String) k.get(1),
              (Integer) k.get(2),
              e.getValue(),
              (EdgeKind) k.get(3)));
    }
    return edges;
  }

  static List<External> external(
      StackInputs in,
      Map<Integer, ComponentGroup> groupOf,
      Map<ComponentGroup, String> ids,
      List<StackSocket> listens) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() != State.ESTABLISHED
          || Addresses.isLocal(s.remoteAddress(), in.localAddresses())) {
        continue;
      }
      ComponentGroup g = ComponentGrouper.first(new LinkedHashSet<>(s.pids()), groupOf);
      if (g == null) {
        continue;
      }
      boolean inbound =
          LocalConnections.listener(listens, s.localAddress(), s.localPort()).isPresent();
      count(
          counts,
          List.of(
              ids.get(g),
              inbound ? "in" : "out",
              IpAddress.text(s.remoteAddress()),
              inbound ? s.localPort() : s.remotePort()));
    }
    List<External> out = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : counts.entrySet()) {
      List<Object> k = e.getKey();
      out.add(
          new External(
              (String) k.get(0),
              (String) k.get(1),
              (String) k.get(2),
              (Integer) k.get(3),
              e.getValue()));
    }
    out.sort(EXTERNAL_ORDER);
    return out;
  }
}
