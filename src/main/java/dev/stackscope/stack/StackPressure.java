package dev.stackscope.stack;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.ListenPressure;
import dev.stackscope.net.ListenQueue;
import dev.stackscope.net.ListenQueues;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.Origin;
import dev.stackscope.stack.StackMap.UnixEdge;
import dev.stackscope.stack.declared.Declaration;
import dev.stackscope.stack.note.Note;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds pressure to a map: each listener's accept queue, each component's resources, each edge's
 * connections by state (a CLOSE_WAIT pile-up flagged), the sample's overflow counters, and the
 * connections the configuration declares next to those observed.
 */
public final class StackPressure {
  /** So many connections in CLOSE_WAIT on one edge are a pile-up: the server is not closing. */
  public static final int CLOSE_WAIT_PILE_UP = 10;

  private StackPressure() {}

  /**
   * What the pressure is read from; any part may be null (not read).
   *
   * @param lastSockets the TCP sockets of the last snapshot (edge states)
   * @param localAddresses this host's addresses
   * @param queues the listeners' accept queues
   * @param sample what a sample saw of the listeners
   * @param resources each component's resources by id
   * @param declarations the declared connections
   * @param unixListeners the holders of each listening Unix socket by path
   */
  public record Inputs(
      SocketSnapshot lastSockets,
      Set<IpAddress> localAddresses,
      ListenQueues queues,
      ListenPressure sample,
      Map<String, ComponentResources> resources,
      List<Declaration> declarations,
      Map<String, List<Integer>> unixListeners) {}

  /** The map with its pressure, and notes. */
  public record Result(StackMap map, List<Note> notes) {}

  /** Processes by PID. */
  static Map<Integer, ProcessInfo> byPid(List<ProcessInfo> infos) {
    Map<Integer, ProcessInfo> out = new HashMap<>();
    for (ProcessInfo p : infos) {
      out.put(p.pid(), p);
    }
    return out;
  }

  public static Result apply(StackMap map, Inputs in) {
    List<Note> notes = new ArrayList<>();
    Map<Integer, String> idOfPid = new HashMap<>();
    for (Component c : map.components()) {
      for (int pid : c.pids()) {
        idOfPid.putIfAbsent(pid, c.id());
      }
    }
    List<Component> components = new ArrayList<>();
    for (Component c : map.components()) {
      List<Listener> listeners = new ArrayList<>();
      for (Listener l : c.listeners()) {
        ListenQueue q = in.queues() == null ? null : queue(in.queues(), l);
        listeners.add(
            q == null
                ? l
                : new Listener(
                    l.protocol(),
                    l.address(),
                    l.port(),
                    l.scope(),
                    q.queued(),
                    q.backlog(),
                    q.full(),
                    l.publishedVia()));
      }
      ComponentResources r = in.resources() == null ? null : in.resources().get(c.id());
      components.add(c.withPressure(listeners, r));
    }
    List<Edge> edges =
        in.lastSockets() == null
            ? new ArrayList<>(map.edges())
            : EdgeStates.apply(map.edges(), in.lastSockets(), in.localAddresses(), idOfPid, notes);
    List<UnixEdge> unixEdges = new ArrayList<>(map.unixEdges());
    List<Pressure.Declared> declared = new ArrayList<>();
    if (in.declarations() != null) {
      declare(in, components, idOfPid, edges, unixEdges, declared);
    }
    List<String> full = new ArrayList<>();
    ListenPressure s = in.sample();
    if (s != null) {
      for (ListenQueue q : s.seenFull()) {
        full.add(StackGraph.hostPort(IpAddress.text(Addresses.unmapped(q.address())), q.port()));
      }
    }
    Pressure p =
        new Pressure(
            s == null ? null : s.duration().toMillis(),
            s == null ? null : s.listenOverflows(),
            s == null ? null : s.listenDrops(),
            full,
            declared);
    return new Result(new StackMap(components, edges, map.external(), unixEdges, p), notes);
  }

  private static ListenQueue queue(ListenQueues queues, Listener l) {
    for (ListenQueue q : queues.all()) {
      if (q.port() == l.port()
          && IpAddress.text(Addresses.unmapped(q.address())).equals(l.address())) {
        return q;
      }
    }
    return null;
  }

  /** Merges the declarations into the edges, and lists each with what became of it. */
  private static void declare(
      Inputs in,
      List<Component> components,
      Map<Integer, String> idOfPid,
      List<Edge> edges,
      List<UnixEdge> unixEdges,
      List<Pressure.Declared> out) {
    Map<String, Pressure.Declared> seen = new LinkedHashMap<>();
    for (Declaration d : in.declarations()) {
      String from = idOfPid.get(d.pid());
      if (from == null) {
        continue;
      }
      String to;
      Pressure.Status status;
      if (d.unixPath() != null) {
        List<Integer> holders =
            in.unixListeners() == null ? null : in.unixListeners().get(d.unixPath());
        to = holders == null ? null : ComponentGrouper.first(holders, idOfPid);
        status = holders == null ? Pressure.Status.NOTHING_LISTENS : null;
      } else {
        List<IpAddress> addresses = addresses(d.host());
        if (addresses == null) {
          to = null;
          status = Pressure.Status.NOT_RESOLVED;
        } else if (!anyLocal(addresses, in.localAddresses())) {
          to = null;
          status = Pressure.Status.REMOTE;
        } else {
          to = listenerOwner(components, addresses, d.port());
          status = to == null ? Pressure.Status.NOTHING_LISTENS : null;
        }
      }
      if (to != null && to.equals(from)) {
        continue;
      }
      if (status == null) {
        boolean observed =
            d.unixPath() != null ? markUnix(unixEdges, from, to, d) : markTcp(edges, from, to, d);
        status = observed ? Pressure.Status.OBSERVED : Pressure.Status.NOT_SEEN;
      }
      Pressure.Declared x =
          new Pressure.Declared(from, to, d.directive(), d.target(), d.where(), status);
      seen.putIfAbsent(from + "|" + x.target() + "|" + x.declaredAt(), x);
    }
    out.addAll(seen.values());
  }

  private static boolean markTcp(List<Edge> edges, String from, String to, Declaration d) {
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      if (e.from().equals(from) && e.to().equals(to) && e.port() == d.port()) {
        boolean observed = e.count() > 0 && !e.origin().equals(Origin.DECLARED);
        List<String> at = new ArrayList<>(e.declaredAt());
        if (!at.contains(d.where())) {
          at.add(d.where());
        }
        edges.set(
            i,
            new Edge(
                e.from(),
                e.to(),
                e.port(),
                e.count(),
                e.kind(),
                e.states(),
                e.closeWaitPileUp(),
                observed ? Origin.BOTH : Origin.DECLARED,
                List.copyOf(at)));
        return observed;
      }
    }
    edges.add(
        new Edge(
            from,
            to,
            d.port(),
            0,
            StackMap.EdgeKind.CLIENT,
            null,
            false,
            Origin.DECLARED,
            List.of(d.where())));
    return false;
  }

  private static boolean markUnix(List<UnixEdge> edges, String from, String to, Declaration d) {
    for (int i = 0; i < edges.size(); i++) {
      UnixEdge e = edges.get(i);
      if (e.from().equals(from) && e.to().equals(to) && e.path().equals(d.unixPath())) {
        boolean observed = e.count() > 0;
        List<String> at = new ArrayList<>(e.declaredAt());
        if (!at.contains(d.where())) {
          at.add(d.where());
        }
        edges.set(
            i,
            new UnixEdge(
                e.from(),
                e.to(),
                e.path(),
                e.count(),
                observed ? Origin.BOTH : Origin.DECLARED,
                List.copyOf(at)));
        return observed;
      }
    }
    edges.add(new UnixEdge(from, to, d.unixPath(), 0, Origin.DECLARED, List.of(d.where())));
    return false;
  }

  /** The addresses a declared host names: a literal, localhost's loopbacks; null for a name. */
  private static List<IpAddress> addresses(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return List.of(AddressParser.parse("127.0.0.1"), AddressParser.parse("::1"));
    }
    try {
      return List.of(AddressParser.parse(host));
    } catch (RuntimeException e) {
      return null; // a name: resolving it would ask the network
    }
  }

  private static boolean anyLocal(List<IpAddress> addresses, Set<IpAddress> own) {
    for (IpAddress a : addresses) {
      if (Addresses.isLocal(a, own == null ? Set.of() : own)) {
        return true;
      }
    }
    return false;
  }

  /** The component with a TCP listener on one of the addresses (or a wildcard) and port. */
  private static String listenerOwner(
      List<Component> components, List<IpAddress> addresses, int port) {
    String wildcard = null;
    for (Component c : components) {
      for (Listener l : c.listeners()) {
        if (l.port() != port) {
          continue;
        }
        IpAddress la;
        try {
          la = AddressParser.parse(l.address());
        } catch (RuntimeException e) {
          continue;
        }
        for (IpAddress a : addresses) {
          if (la.equals(a)) {
            return c.id();
          }
          InetAddress li = la.toInetAddress();
          if (li.isAnyLocalAddress() && wildcard == null && la.version() == a.version()) {
            wildcard = c.id();
          }
          if (li.isAnyLocalAddress() && wildcard == null && la.version() == 6) {
            wildcard = c.id(); // [::]:port takes IPv4 too unless v6only
          }
        }
      }
    }
    return wildcard;
  }
}
