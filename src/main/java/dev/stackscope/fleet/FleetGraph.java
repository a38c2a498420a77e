package dev.stackscope.fleet;

import dev.stackscope.fleet.FleetMap.ExternalEndpoint;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.fleet.FleetMap.FleetHost;
import dev.stackscope.stack.GraphWriter;
import dev.stackscope.stack.StackMap.Listener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet map as graph text: Graphviz DOT and Mermaid flowcharts with one cluster per host, edges
 * labelled with the server's port and the connection count (bold across hosts, dashed for Unix
 * sockets and replication), external endpoints as ellipses outside every host.
 */
public final class FleetGraph {
  private FleetGraph() {}

  /** A Graphviz {@code digraph}. */
  public static String dot(FleetMap map) {
    return graph(map).dot();
  }

  /** A Mermaid {@code flowchart}. */
  public static String mermaid(FleetMap map) {
    return graph(map).mermaid();
  }

  private static GraphWriter graph(FleetMap map) {
    List<String> order = new ArrayList<>();
    for (FleetComponent c : map.components()) {
      order.add(c.key());
    }
    GraphWriter g = new GraphWriter("fleet", "h", order);
    for (Map.Entry<String, List<FleetComponent>> e : byHost(map).entrySet()) {
      GraphWriter.Box host = g.box(hostLabel(map, e.getKey()));
      for (FleetComponent c : e.getValue()) {
        host.node(c.key(), label(c));
      }
    }
    for (FleetEdge e : map.edges()) {
      g.edge(e.from(), e.to(), edgeLabel(e), !e.kind().equals("client"), e.crossHost());
    }
    Set<String> remotes = new HashSet<>();
    for (ExternalEndpoint x : map.external()) {
      String node = "remote " + x.address();
      if (remotes.add(node)) {
        g.remote(node, x.address() + (x.ownerHost() == null ? "" : "\n(" + x.ownerHost() + ")"));
      }
      boolean out = x.direction().equals("out");
      for (String c : x.components()) {
        g.edge(out ? c : node, out ? node : c, ":" + x.port(), true, false);
      }
    }
    return g;
  }

  /** The components of each host, hosts in the map's order (hosts without components too). */
  static Map<String, List<FleetComponent>> byHost(FleetMap map) {
    Map<String, List<FleetComponent>> out = new LinkedHashMap<>();
    for (FleetHost h : map.hosts()) {
      out.put(h.name(), new ArrayList<>());
    }
    for (FleetComponent c : map.components()) {
      out.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c);
    }
    out.values().removeIf(List::isEmpty);
    return out;
  }

  private static String hostLabel(FleetMap map, String host) {
    for (FleetHost h : map.hosts()) {
      if (h.name().equals(host)) {
        List<String> shown = new ArrayList<>();
        for (String a : h.addresses()) {
          if (FleetMerger.identifiesHost(a) && !a.startsWith("fe80:") && shown.size() < 2) {
            shown.add(a);
          }
        }
        return shown.isEmpty() ? host : host + " " + String.join(" ", shown);
      }
    }
    return host;
  }

  private static String label(FleetComponent c) {
    StringBuilder s = new StringBuilder(c.id());
    if (!c.program().equals(c.id())) {
      s.append(" (").append(c.program()).append(")");
    }
    s.append("\n").append(c.role().title());
    for (Listener l : c.listeners()) {
      s.append("\n").append(hostPort(l.address(), l.port()));
    }
    return s.toString();
  }

  private static String edgeLabel(FleetEdge e) {
    String via = e.path() != null ? "unix:" + e.path() : ":" + e.port();
    return (e.kind().equals("replication") ? "replication " : "") + via + " ×" + e.count();
  }

  static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
