package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.LocalConnections.Connection;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.note.Note;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link StackMap} from processes and sockets: classifies processes, groups them into
 * process trees, turns local connections into client → server edges (the server being the end that
 * owns a listener on that port), and summarises connections to other hosts.
 */
public final class StackMapper {
  private final RoleClassifier classifier;
  private final StackSampler.Snapshot users;

  /** A mapper that shows the users the processes hold. */
  public StackMapper(RoleClassifier classifier) {
    this(classifier, null);
  }

  /**
   * @param users the snapshot the inputs came from, asked for the users of the components' roots (a
   *     snapshot may leave users out: see {@link StackSampler.Snapshot#user}), their units,
   *     containers and network namespaces, and which listeners are published ports; null to show
   *     the users the processes hold and no places
   */
  public StackMapper(RoleClassifier classifier, StackSampler.Snapshot users) {
    this.classifier = classifier;
    this.users = users;
  }

  /** The map, with notes on what could not be attributed. */
  public record Result(StackMap map, List<Note> notes) {}

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
    List<Note> notes = new ArrayList<>();
    List<Connection> connections = LocalConnections.of(in, listens);
    grouper.addConnectedProcesses(connections);
    return new Result(
        build(in, grouper.groups, grouper.groupOf, byPid, listens, connections, notes), notes);
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

  private StackMap build(
      StackInputs in,
      List<ComponentGroup> groups,
      Map<Integer, ComponentGroup> groupOf,
      Map<Integer, StackProcess> byPid,
      List<StackSocket> listens,
      List<Connection> connections,
      List<Note> notes) {
    groups.sort(GROUP_ORDER);
    Map<ComponentGroup, String> ids = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ComponentGroup g : groups) {
      int n = StackEdges.count(seen, g.why.program());
      ids.put(g, n == 1 ? g.why.program() : g.why.program() + "-" + n);
    }
    List<Component> components = new ArrayList<>();
    for (ComponentGroup g : groups) {
      Set<String> seenListeners = new HashSet<>();
      List<Listener> listeners = new ArrayList<>();
      for (StackSocket l : listens) {
        if (g.holdsAny(l.pids())
            && seenListeners.add(LocalConnections.endpoint(l.localAddress(), l.localPort()))) {
          Listener listener =
              new Listener(
                  "tcp",
                  IpAddress.text(l.localAddress()),
                  l.localPort(),
                  Reach.of(l.localAddress()));
          String via = users == null ? null : users.publishedVia(l.localAddress(), l.localPort());
          listeners.add(via == null ? listener : listener.publishedVia(via));
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
          new Component(
                  ids.get(g),
                  g.why.role(),
                  g.why.program(),
                  pids,
                  users == null ? root.user() : users.user(root),
                  g.why.rule(),
                  g.why.confidence(),
                  listeners)
              .withRuleSource(g.why.source())
              .withPlace(users == null ? ComponentPlace.NONE : users.place(root)));
    }
    Map<String, Integer> order = new HashMap<>();
    for (Component c : components) {
      order.put(c.id(), order.size());
    }
    List<Edge> edges = StackEdges.local(connections, groupOf, ids, byPid, notes);
    edges.sort(
        new Comparator<Edge>() {
          @Override
          public int compare(Edge a, Edge b) {
            int c = Integer.compare(order.get(a.from()), order.get(b.from()));
            c = c != 0 ? c : Integer.compare(order.get(a.to()), order.get(b.to()));
            return c != 0 ? c : Integer.compare(a.port(), b.port());
          }
        });
    Map<String, ComponentGroup> groupById = new HashMap<>();
    for (Map.Entry<ComponentGroup, String> e : ids.entrySet()) {
      groupById.put(e.getValue(), e.getKey());
    }
    components = Replications.place(in, components, edges, groupById, byPid);
    return new StackMap(
        components,
        edges,
        StackEdges.external(in, groupOf, ids, listens),
        UnixEdges.of(in.unixLinks(), components));
  }
}
