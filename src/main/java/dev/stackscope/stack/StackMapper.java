package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.LocalConnections.Connection;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackSocket.State;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link StackMap} from processes and sockets: classifies processes, groups them into
 * process trees, turns local connections into client → server edges (the server being the end
 * that owns a listener on that port), and summarises connections to other hosts.
 */
public final class StackMapper {
  private final RoleClassifier classifier;
  private final StackSampler.Snapshot users;

  /** A mapper that shows the users the processes hold. */
  public StackMapper(RoleClassifier classifier) {
    this(classifier, null);
  }

  /**
   * @param users the snapshot the inputs came from, asked for the users of the components' roots
   *     (a snapshot may leave users out: see {@link StackSampler.Snapshot#user}); null to show the
   *     users the processes hold
   */
  public StackMapper(RoleClassifier classifier, StackSampler.Snapshot users) {
    this.classifier = classifier;
    this.users = users;
  }

  /** The map, with notes on what could not be attributed. */
  public record Result(StackMap map, List<String> notes) {}

  public Result map(StackInputs in) {
    Map<Integer, StackProcess> byPid = new LinkedHashMap<>();
    for (StackProcess p : in.processes()) {
      byPid.put(p.pid(), p);
    }
    List<StackSocket> listens = LocalConnections.listeners(in);
    Map<Integer, Set<Integer>> portsByPid = new HashMap<>();
    for (StackSocket s : listens) {
      for (int pid : s.pids()) {
        Set<Integer> ports = portsByPid.get(pid);
        if (ports == null) {
          ports = new TreeSet<>();
          portsByPid.put(pid, ports);
        }
        ports.add(s.localPort());
      }
    }
    ComponentGrouper grouper = new ComponentGrouper(classifier, byPid, portsByPid);
    grouper.groupTrees();
    List<String> notes = new ArrayList<>();
    List<Connection> connections = LocalConnections.of(in, listens);
    grouper.addConnectedProcesses(connections);
    return new Result(build(in, grouper.groups, grouper.groupOf, byPid, listens, connections, notes), notes);
  }

  // Orders and loops rather than lambdas and streams in this class: each lambda is a class spun at
  // run time, which every cold start of `stack` paid for (bench/README.md, stack).
  private static final Comparator<ComponentGroup> GROUP_ORDER =
      new Comparator<>() {
        @Override
        public int compare(ComponentGroup a, ComponentGroup b) {
          int c = Integer.compare(a.why.role().ordinal(), b.why.role().ordinal());
          c = c != 0 ? c : a.why.program().compareTo(b.why.program());
          return c != 0 ? c : Integer.compare(a.root, b.root);
        }
      };

  private static final Comparator<Listener> LISTENER_ORDER =
      new Comparator<>() {
        @Override
        public int compare(Listener a, Listener b) {
          int c = Integer.compare(a.port(), b.port());
          return c != 0 ? c : a.address().compareTo(b.address());
        }
      };

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
  private static <K> int count(Map<K, Integer> counts, K key) {
    Integer n = counts.get(key);
    int next = n == null ? 1 : n + 1;
    counts.put(key, next);
    return next;
  }

  private StackMap build(
      StackInputs in,
      List<ComponentGroup> groups,
      Map<Integer, ComponentGroup> groupOf,
      Map<Integer, StackProcess> byPid,
      List<StackSocket> listens,
      List<Connection> connections,
      List<String> notes) {
    groups.sort(GROUP_ORDER);
    Map<ComponentGroup, String> ids = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ComponentGroup g : groups) {
      int n = count(seen, g.why.program());
      ids.put(g, n == 1 ? g.why.program() : g.why.program() + "-" + n);
    }
    List<Component> components = new ArrayList<>();
    for (ComponentGroup g : groups) {
      Set<String> seenListeners = new HashSet<>();
      List<Listener> listeners = new ArrayList<>();
      for (StackSocket l : listens) {
        if (g.holdsAny(l.pids())
            && seenListeners.add(LocalConnections.endpoint(l.localAddress(), l.localPort()))) {
          listeners.add(
              new Listener("tcp", IpAddress.text(l.localAddress()), l.localPort(), Reach.of(l.localAddress())));
        }
      }
      listeners.sort(LISTENER_ORDER);
      List<Integer> pids = new ArrayList<>();
      pids.add(g.root);
      for (int pid : g.pids) {
        if (pid != g.root) {
          pids.add(pid);
        }
      }
      StackProcess root = byPid.get(g.root);
      components.add(
          new Component(ids.get(g), g.why.role(), g.why.program(), pids, users == null ? root.user() : users.user(root), g.why.rule(), g.why.confidence(), listeners));
    }
    Map<String, Integer> order = new HashMap<>();
    for (Component c : components) {
      order.put(c.id(), order.size());
    }
    List<Edge> edges = edges(connections, groupOf, ids, notes);
    edges.sort(
        new Comparator<Edge>() {
          @Override
          public int compare(Edge a, Edge b) {
            int c = Integer.compare(order.get(a.from()), order.get(b.from()));
            c = c != 0 ? c : Integer.compare(order.get(a.to()), order.get(b.to()));
            return c != 0 ? c : Integer.compare(a.port(), b.port());
          }
        });
    return new StackMap(components, edges, external(in, groupOf, ids, listens));
  }

  private static List<Edge> edges(
      List<Connection> connections, Map<Integer, ComponentGroup> groupOf, Map<ComponentGroup, String> ids, List<String> notes) {
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
      clientsOfPort.computeIfAbsent(List.of(ids.get(server), c.port()), k -> new TreeSet<>()).add(ids.get(client));
      if (client == server) {
        continue;
      }
      count(counts, List.of(ids.get(client), ids.get(server), c.port()));
    }
    Map<String, Integer> unplaced = new TreeMap<>();
    Map<String, Integer> selfConnections = new TreeMap<>();
    for (Connection c : ownerless) {
      String server = ids.get(ComponentGrouper.first(c.serverPids(), groupOf));
      Set<String> known = clientsOfPort.getOrDefault(List.of(server, c.port()), Set.of());
      if (c.state() == State.TIME_WAIT && known.size() == 1) {
        String client = known.iterator().next();
        if (client.equals(server)) {
          count(selfConnections, server + " port " + c.port());
        } else {
          count(counts, List.of(client, server, c.port()));
        }
      } else {
        count(unplaced, server + " port " + c.port());
      }
    }
    for (Map.Entry<String, Integer> u : unplaced.entrySet()) {
      notes.add(u.getValue() + " connection(s) to " + u.getKey() + " from a local process that could not be identified"
          + " (closed, or another user's)");
    }
    for (Map.Entry<String, Integer> u : selfConnections.entrySet()) {
      notes.add(u.getValue() + " closed connection(s) to " + u.getKey() + " from the same process"
          + " (a self-connection)");
    }
    List<Edge> edges = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : counts.entrySet()) {
      List<Object> k = e.getKey();
      edges.add(new Edge((String) k.get(0), (String) k.get(1), (Integer) k.get(2), e.getValue()));
    }
    return edges;
  }

  private static List<External> external(
      StackInputs in, Map<Integer, ComponentGroup> groupOf, Map<ComponentGroup, String> ids, List<StackSocket> listens) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() != State.ESTABLISHED || Addresses.isLocal(s.remoteAddress(), in.localAddresses())) {
        continue;
      }
      ComponentGroup g = ComponentGrouper.first(new LinkedHashSet<>(s.pids()), groupOf);
      if (g == null) {
        continue;
      }
      boolean inbound = LocalConnections.listener(listens, s.localAddress(), s.localPort()).isPresent();
      count(
          counts,
          List.of(ids.get(g), inbound ? "in" : "out", IpAddress.text(s.remoteAddress()), inbound ? s.localPort() : s.remotePort()));
    }
    List<External> out = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : counts.entrySet()) {
      List<Object> k = e.getKey();
      out.add(new External((String) k.get(0), (String) k.get(1), (String) k.get(2), (Integer) k.get(3), e.getValue()));
    }
    out.sort(EXTERNAL_ORDER);
    return out;
  }
}
