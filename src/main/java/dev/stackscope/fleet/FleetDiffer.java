package dev.stackscope.fleet;

import dev.stackscope.fleet.FleetDiff.EdgeChange;
import dev.stackscope.fleet.FleetDiff.ListenerChange;
import dev.stackscope.fleet.FleetDiff.RoleChange;
import dev.stackscope.fleet.FleetDiff.ScopeChange;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.fleet.FleetMap.FleetHost;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.StackMap.Listener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares two fleet maps (of one snapshot each, or of directories of them). */
public final class FleetDiffer {
  private FleetDiffer() {}

  public static FleetDiff diff(FleetMap before, FleetMap after) {
    Set<String> hostsBefore = new TreeSet<>();
    before.hosts().stream().map(FleetHost::name).forEach(hostsBefore::add);
    Set<String> hostsAfter = new TreeSet<>();
    after.hosts().stream().map(FleetHost::name).forEach(hostsAfter::add);

    Map<String, FleetComponent> old = byKey(before);
    Map<String, FleetComponent> now = byKey(after);
    List<String> componentsNew = new ArrayList<>();
    List<String> componentsGone = new ArrayList<>();
    List<RoleChange> roles = new ArrayList<>();
    List<ListenerChange> listenersNew = new ArrayList<>();
    List<ListenerChange> listenersGone = new ArrayList<>();
    List<ScopeChange> scopes = new ArrayList<>();
    for (FleetComponent c : old.values()) {
      if (!now.containsKey(c.key())) {
        componentsGone.add(c.key());
      }
    }
    for (FleetComponent c : now.values()) {
      FleetComponent o = old.get(c.key());
      if (o == null) {
        componentsNew.add(c.key());
        continue;
      }
      if (o.role() != c.role()) {
        roles.add(new RoleChange(c.key(), o.role(), c.role()));
      }
      Map<String, List<Listener>> ports0 = ports(o);
      Map<String, List<Listener>> ports1 = ports(c);
      for (Map.Entry<String, List<Listener>> p : ports0.entrySet()) {
        if (!ports1.containsKey(p.getKey())) {
          listenersGone.add(listenerChange(c.key(), p.getValue()));
        }
      }
      for (Map.Entry<String, List<Listener>> p : ports1.entrySet()) {
        List<Listener> was = ports0.get(p.getKey());
        if (was == null) {
          listenersNew.add(listenerChange(c.key(), p.getValue()));
          continue;
        }
        Set<String> a0 = addresses(was);
        Set<String> a1 = addresses(p.getValue());
        if (!a0.equals(a1)) {
          Listener l = p.getValue().get(0);
          scopes.add(
              new ScopeChange(
                  c.key(),
                  l.protocol(),
                  l.port(),
                  widest(was),
                  widest(p.getValue()),
                  List.copyOf(a0),
                  List.copyOf(a1)));
        }
      }
    }
    Set<EdgeChange> edges0 = edges(before);
    Set<EdgeChange> edges1 = edges(after);
    List<EdgeChange> edgesNew = new ArrayList<>(edges1);
    edgesNew.removeAll(edges0);
    List<EdgeChange> edgesGone = new ArrayList<>(edges0);
    edgesGone.removeAll(edges1);
    List<String> hostsNew = new ArrayList<>(hostsAfter);
    hostsNew.removeAll(hostsBefore);
    List<String> hostsGone = new ArrayList<>(hostsBefore);
    hostsGone.removeAll(hostsAfter);
    boolean changed =
        !(hostsNew.isEmpty()
            && hostsGone.isEmpty()
            && componentsNew.isEmpty()
            && componentsGone.isEmpty()
            && roles.isEmpty()
            && listenersNew.isEmpty()
            && listenersGone.isEmpty()
            && scopes.isEmpty()
            && edgesNew.isEmpty()
            && edgesGone.isEmpty());
    return new FleetDiff(
        changed,
        hostsNew,
        hostsGone,
        componentsNew,
        componentsGone,
        roles,
        listenersNew,
        listenersGone,
        scopes,
        edgesNew,
        edgesGone);
  }

  private static Map<String, FleetComponent> byKey(FleetMap map) {
    Map<String, FleetComponent> out = new LinkedHashMap<>();
    for (FleetComponent c : map.components()) {
      out.put(c.key(), c);
    }
    return out;
  }

  /** A component's listeners by "protocol port", in port order. */
  private static Map<String, List<Listener>> ports(FleetComponent c) {
    Map<String, List<Listener>> out = new TreeMap<>();
    for (Listener l : c.listeners()) {
      out.computeIfAbsent(
              l.protocol() + " " + String.format("%05d", l.port()), k -> new ArrayList<>())
          .add(l);
    }
    return out;
  }

  private static Set<String> addresses(List<Listener> listeners) {
    Set<String> out = new TreeSet<>();
    listeners.forEach(l -> out.add(l.address()));
    return out;
  }

  private static ListenerChange listenerChange(String component, List<Listener> listeners) {
    Listener l = listeners.get(0);
    return new ListenerChange(
        component, l.protocol(), l.port(), List.copyOf(addresses(listeners)), widest(listeners));
  }

  /** The widest scope: all interfaces, then public, private, link-local, loopback. */
  static Reach widest(List<Listener> listeners) {
    Reach best = null;
    for (Listener l : listeners) {
      if (best == null || width(l.scope()) > width(best)) {
        best = l.scope();
      }
    }
    return best;
  }

  private static int width(Reach r) {
    return switch (r) {
      case LOOPBACK -> 0;
      case LINK_LOCAL -> 1;
      case PRIVATE -> 2;
      case PUBLIC -> 3;
      case ALL_INTERFACES -> 4;
    };
  }

  private static Set<EdgeChange> edges(FleetMap map) {
    Set<EdgeChange> out = new LinkedHashSet<>();
    for (FleetEdge e : map.edges()) {
      out.add(new EdgeChange(e.from(), e.to(), e.port(), e.path(), e.kind(), e.crossHost()));
    }
    return out;
  }
}
