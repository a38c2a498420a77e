package dev.stackscope.stack;

import dev.stackscope.net.AddressScope;
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
  private final Set<String> brokerPrograms = new HashSet<>();

  public StackMapper(RoleClassifier classifier) {
    this.classifier = classifier;
    classifier.rules().of(RoleRules.Kind.BROKER).forEach(r -> brokerPrograms.add(r.program()));
  }

  /** The map, with notes on what could not be attributed. */
  public record Result(StackMap map, List<String> notes) {}

  /** A TCP connection between two local endpoints, seen from its client side. */
  private record Connection(Set<Integer> clientPids, Set<Integer> serverPids, int port, State state) {}

  /** A component while it is being built. */
  private static final class Group {
    final int root;
    final Classification why;
    final Set<Integer> pids = new TreeSet<>();

    Group(int root, Classification why) {
      this.root = root;
      this.why = why;
      pids.add(root);
    }
  }

  public Result map(StackInputs in) {
    Map<Integer, StackProcess> byPid = new LinkedHashMap<>();
    Map<Integer, List<Integer>> children = new HashMap<>();
    for (StackProcess p : in.processes()) {
      byPid.put(p.pid(), p);
    }
    for (StackProcess p : in.processes()) {
      if (byPid.containsKey(p.ppid()) && p.ppid() != p.pid()) {
        children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
      }
    }
    List<StackSocket> listens = new ArrayList<>();
    Map<Integer, Set<Integer>> portsByPid = new HashMap<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() == State.LISTEN) {
        listens.add(s);
        for (int pid : s.pids()) {
          portsByPid.computeIfAbsent(pid, k -> new TreeSet<>()).add(s.localPort());
        }
      }
    }
    Map<Integer, Group> groupOf = new HashMap<>();
    List<Group> groups = new ArrayList<>();
    for (StackProcess p : in.processes()) {
      if (!byPid.containsKey(p.ppid()) || p.ppid() == p.pid()) {
        assign(p.pid(), null, byPid, children, portsByPid, groupOf, groups);
      }
    }
    List<String> notes = new ArrayList<>();
    List<Connection> connections = connections(in, listens, notes);
    addConnectedProcesses(connections, byPid, children, portsByPid, groupOf, groups);
    return new Result(build(in, groups, groupOf, byPid, listens, connections, notes), notes);
  }

  /** Depth first from a root: classified processes start a group unless their parent's group runs the same program. */
  private void assign(
      int root,
      Group inherited,
      Map<Integer, StackProcess> byPid,
      Map<Integer, List<Integer>> children,
      Map<Integer, Set<Integer>> portsByPid,
      Map<Integer, Group> groupOf,
      List<Group> groups) {
    record Step(int pid, Group parentGroup) {}
    List<Step> stack = new ArrayList<>();
    stack.add(new Step(root, inherited));
    while (!stack.isEmpty()) {
      Step step = stack.remove(stack.size() - 1);
      StackProcess p = byPid.get(step.pid());
      Group g = step.parentGroup();
      if (!isKernelThread(p)) {
        Optional<Classification> c =
            classifier.classify(p, portsByPid.getOrDefault(p.pid(), Set.of()));
        if (c.isPresent() && (g == null || !g.why.program().equals(c.get().program()))) {
          g = new Group(p.pid(), c.get());
          groups.add(g);
        } else if (g != null) {
          g.pids.add(p.pid());
        }
        if (g != null) {
          groupOf.put(p.pid(), g);
        }
      }
      for (int child : children.getOrDefault(p.pid(), List.of())) {
        stack.add(new Step(child, g));
      }
    }
  }

  private static boolean isKernelThread(StackProcess p) {
    return p.pid() == 2 || p.ppid() == 2 && p.argv().isEmpty();
  }

  /** Local connections from their client side, merged by both ends. */
  private List<Connection> connections(StackInputs in, List<StackSocket> listens, List<String> notes) {
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
        key = endpoint(s.remoteAddress(), s.remotePort()) + ">" + endpoint(s.localAddress(), s.localPort());
        serverListener = ownListener.get();
        clientPids = Set.of();
      } else {
        Optional<StackSocket> l = listener(listens, s.remoteAddress(), s.remotePort());
        if (l.isEmpty()) {
          continue;
        }
        key = endpoint(s.localAddress(), s.localPort()) + ">" + endpoint(s.remoteAddress(), s.remotePort());
        serverListener = l.get();
        clientPids = new HashSet<>(s.pids());
      }
      clients.computeIfAbsent(key, k -> new TreeSet<>()).addAll(clientPids);
      server.put(key, serverListener);
      states.merge(key, s.state(), (a, b) -> a == State.ESTABLISHED ? a : b);
    }
    List<Connection> out = new ArrayList<>();
    for (Map.Entry<String, Set<Integer>> e : clients.entrySet()) {
      StackSocket l = server.get(e.getKey());
      out.add(new Connection(e.getValue(), new TreeSet<>(l.pids()), l.localPort(), states.get(e.getKey())));
    }
    return out;
  }

  /** The listener that accepts connections to this address and port: bound to it, or to a wildcard. */
  private static Optional<StackSocket> listener(List<StackSocket> listens, InetAddress a, int port) {
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

  private static String endpoint(InetAddress a, int port) {
    return a.getHostAddress() + "#" + port;
  }

  /**
   * Unclassified processes that talk to the stack become components too: a worker when it has no
   * listener and connects to a broker, an app server when a web server or balancer proxies to it,
   * else "other".
   */
  private void addConnectedProcesses(
      List<Connection> connections,
      Map<Integer, StackProcess> byPid,
      Map<Integer, List<Integer>> children,
      Map<Integer, Set<Integer>> portsByPid,
      Map<Integer, Group> groupOf,
      List<Group> groups) {
    Map<Integer, Classification> found = new TreeMap<>();
    for (Connection c : connections) {
      Group server = first(c.serverPids(), groupOf);
      Group client = first(c.clientPids(), groupOf);
      if (server != null && client == null) {
        for (int pid : c.clientPids()) {
          if (byPid.containsKey(pid) && !portsByPid.containsKey(pid)) {
            boolean broker =
                server.why.role() == Role.QUEUE || brokerPrograms.contains(server.why.program());
            Classification why =
                broker
                    ? new Classification(Role.WORKER, program(byPid.get(pid)), "connects to broker " + server.why.program(), "medium")
                    : new Classification(Role.OTHER, program(byPid.get(pid)), "connects to " + server.why.program(), "low");
            found.merge(pid, why, (a, b) -> a.role() == Role.WORKER ? a : b);
          }
        }
      } else if (client != null && server == null) {
        boolean proxied = client.why.role() == Role.WEB || client.why.role() == Role.LOAD_BALANCER;
        for (int pid : c.serverPids()) {
          if (byPid.containsKey(pid)) {
            found.putIfAbsent(
                pid,
                proxied
                    ? new Classification(Role.APP, program(byPid.get(pid)), "proxied to by " + client.why.program(), "low")
                    : new Classification(Role.OTHER, program(byPid.get(pid)), "serves " + client.why.program(), "low"));
          }
        }
      }
    }
    for (Map.Entry<Integer, Classification> e : found.entrySet()) {
      int pid = e.getKey();
      if (groupOf.containsKey(pid)) {
        continue;
      }
      // the top of the run of same-named, ungrouped ancestors is the component's root
      int root = pid;
      StackProcess p = byPid.get(pid);
      while (true) {
        StackProcess parent = byPid.get(byPid.get(root).ppid());
        if (parent == null || groupOf.containsKey(parent.pid()) || !parent.comm().equals(p.comm())) {
          break;
        }
        root = parent.pid();
      }
      Group g = new Group(root, e.getValue());
      groups.add(g);
      List<Integer> todo = new ArrayList<>(List.of(root));
      while (!todo.isEmpty()) {
        int q = todo.remove(todo.size() - 1);
        // descendants running something else (a job runner the test harness started) stand alone
        if (!groupOf.containsKey(q) && (q == root || byPid.get(q).comm().equals(p.comm()))) {
          groupOf.put(q, g);
          g.pids.add(q);
          todo.addAll(children.getOrDefault(q, List.of()));
        }
      }
    }
  }

  private String program(StackProcess p) {
    return classifier.programOf(p);
  }

  private static Group first(Set<Integer> pids, Map<Integer, Group> groupOf) {
    for (int pid : pids) {
      Group g = groupOf.get(pid);
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  private StackMap build(
      StackInputs in,
      List<Group> groups,
      Map<Integer, Group> groupOf,
      Map<Integer, StackProcess> byPid,
      List<StackSocket> listens,
      List<Connection> connections,
      List<String> notes) {
    groups.sort(
        Comparator.comparing((Group g) -> g.why.role().ordinal())
            .thenComparing(g -> g.why.program())
            .thenComparingInt(g -> g.root));
    Map<Group, String> ids = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Group g : groups) {
      int n = seen.merge(g.why.program(), 1, Integer::sum);
      ids.put(g, n == 1 ? g.why.program() : g.why.program() + "-" + n);
    }
    List<Component> components = new ArrayList<>();
    for (Group g : groups) {
      Set<String> seenListeners = new HashSet<>();
      List<Listener> listeners = new ArrayList<>();
      for (StackSocket l : listens) {
        if (l.pids().stream().anyMatch(g.pids::contains)
            && seenListeners.add(endpoint(l.localAddress(), l.localPort()))) {
          listeners.add(
              new Listener("tcp", l.localAddress().getHostAddress(), l.localPort(), AddressScope.reachOf(l.localAddress())));
        }
      }
      listeners.sort(Comparator.comparingInt(Listener::port).thenComparing(Listener::address));
      List<Integer> pids = new ArrayList<>();
      pids.add(g.root);
      g.pids.stream().filter(p -> p != g.root).forEach(pids::add);
      StackProcess root = byPid.get(g.root);
      components.add(
          new Component(ids.get(g), g.why.role(), g.why.program(), pids, root.user(), g.why.rule(), g.why.confidence(), listeners));
    }
    Map<String, Integer> order = new HashMap<>();
    components.forEach(c -> order.put(c.id(), order.size()));
    List<Edge> edges = edges(connections, groupOf, ids, notes);
    edges.sort(
        Comparator.comparingInt((Edge e) -> order.get(e.from()))
            .thenComparingInt(e -> order.get(e.to()))
            .thenComparingInt(Edge::port));
    return new StackMap(components, edges, external(in, groupOf, ids, listens));
  }

  private static List<Edge> edges(
      List<Connection> connections, Map<Integer, Group> groupOf, Map<Group, String> ids, List<String> notes) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    // which clients each server port has been seen with, to place TIME_WAITs without an owner
    Map<List<Object>, Set<String>> clientsOfPort = new HashMap<>();
    List<Connection> ownerless = new ArrayList<>();
    for (Connection c : connections) {
      Group server = first(c.serverPids(), groupOf);
      if (server == null) {
        continue;
      }
      Group client = first(c.clientPids(), groupOf);
      if (client == null) {
        if (c.clientPids().isEmpty()) {
          ownerless.add(c);
        }
        continue;
      }
      if (client == server) {
        continue;
      }
      counts.merge(List.of(ids.get(client), ids.get(server), c.port()), 1, Integer::sum);
      clientsOfPort.computeIfAbsent(List.of(ids.get(server), c.port()), k -> new TreeSet<>()).add(ids.get(client));
    }
    Map<String, Integer> unplaced = new TreeMap<>();
    for (Connection c : ownerless) {
      String server = ids.get(first(c.serverPids(), groupOf));
      Set<String> known = clientsOfPort.getOrDefault(List.of(server, c.port()), Set.of());
      if (c.state() == State.TIME_WAIT && known.size() == 1) {
        counts.merge(List.of(known.iterator().next(), server, c.port()), 1, Integer::sum);
      } else {
        unplaced.merge(server + " port " + c.port(), 1, Integer::sum);
      }
    }
    unplaced.forEach(
        (where, n) ->
            notes.add(n + " connection(s) to " + where + " from a local process that could not be identified"
                + " (closed, or another user's)"));
    List<Edge> edges = new ArrayList<>();
    counts.forEach((k, n) -> edges.add(new Edge((String) k.get(0), (String) k.get(1), (Integer) k.get(2), n)));
    return edges;
  }

  private static List<External> external(
      StackInputs in, Map<Integer, Group> groupOf, Map<Group, String> ids, List<StackSocket> listens) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() != State.ESTABLISHED || Addresses.isLocal(s.remoteAddress(), in.localAddresses())) {
        continue;
      }
      Group g = first(new LinkedHashSet<>(s.pids()), groupOf);
      if (g == null) {
        continue;
      }
      boolean inbound = listener(listens, s.localAddress(), s.localPort()).isPresent();
      counts.merge(
          List.of(ids.get(g), inbound ? "in" : "out", s.remoteAddress().getHostAddress(), inbound ? s.localPort() : s.remotePort()),
          1,
          Integer::sum);
    }
    List<External> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> out.add(new External((String) k.get(0), (String) k.get(1), (String) k.get(2), (Integer) k.get(3), n)));
    out.sort(Comparator.comparing(External::component).thenComparing(External::direction).thenComparing(External::address).thenComparingInt(External::port));
    return out;
  }
}
