package dev.stackscope.fleet;

import static dev.stackscope.stack.StackGraph.dotString;
import static dev.stackscope.stack.StackGraph.mermaidString;

import dev.stackscope.fleet.FleetMap.ExternalEndpoint;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.fleet.FleetMap.FleetHost;
import dev.stackscope.stack.StackMap.Listener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet map as graph text: Graphviz DOT and Mermaid flowcharts with one cluster per host, edges
 * labelled with the server's port and the connection count (bold across hosts, dashed for Unix
 * sockets and replication), external endpoints as ellipses outside every host.
 */
public final class FleetGraph {
  private FleetGraph() {}

  /** A Graphviz {@code digraph}. */
  public static String dot(FleetMap map) {
    StringBuilder b = new StringBuilder();
    b.append("digraph fleet {\n");
    b.append("  rankdir=LR;\n");
    b.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    int cluster = 0;
    for (Map.Entry<String, List<FleetComponent>> e : byHost(map).entrySet()) {
      b.append("  subgraph cluster_").append(cluster++).append(" {\n");
      b.append("    label=").append(dotString(hostLabel(map, e.getKey()))).append(";\n");
      b.append("    style=dashed;\n");
      for (FleetComponent c : e.getValue()) {
        b.append("    ")
            .append(dotString(c.key()))
            .append(" [label=")
            .append(dotString(label(c)))
            .append("];\n");
      }
      b.append("  }\n");
    }
    for (FleetEdge e : map.edges()) {
      b.append("  ")
          .append(dotString(e.from()))
          .append(" -> ")
          .append(dotString(e.to()))
          .append(" [label=")
          .append(dotString(edgeLabel(e)))
          .append(e.crossHost() ? ", penwidth=2" : "")
          .append(e.kind().equals("client") ? "" : ", style=dashed")
          .append("];\n");
    }
    Map<String, String> remotes = new LinkedHashMap<>();
    for (ExternalEndpoint x : map.external()) {
      String node = "remote " + x.address();
      if (remotes.put(x.address(), node) == null) {
        b.append("  ")
            .append(dotString(node))
            .append(" [label=")
            .append(
                dotString(x.address() + (x.ownerHost() == null ? "" : "\n(" + x.ownerHost() + ")")))
            .append(", shape=ellipse, style=dashed];\n");
      }
      boolean out = x.direction().equals("out");
      for (String c : x.components()) {
        b.append("  ")
            .append(dotString(out ? c : node))
            .append(" -> ")
            .append(dotString(out ? node : c))
            .append(" [label=")
            .append(dotString(":" + x.port()))
            .append(", style=dashed];\n");
      }
    }
    b.append("}\n");
    return b.toString();
  }

  /** A Mermaid {@code flowchart}. */
  public static String mermaid(FleetMap map) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    Map<String, String> node = new HashMap<>();
    for (FleetComponent c : map.components()) {
      node.put(c.key(), "c" + node.size());
    }
    int group = 0;
    for (Map.Entry<String, List<FleetComponent>> e : byHost(map).entrySet()) {
      b.append("  subgraph h")
          .append(group++)
          .append("[")
          .append(mermaidString(hostLabel(map, e.getKey())))
          .append("]\n");
      for (FleetComponent c : e.getValue()) {
        b.append("    ")
            .append(node.get(c.key()))
            .append("[")
            .append(mermaidString(label(c)))
            .append("]\n");
      }
      b.append("  end\n");
    }
    for (FleetEdge e : map.edges()) {
      b.append("  ")
          .append(node.get(e.from()))
          .append(e.kind().equals("client") ? (e.crossHost() ? " ==>|" : " -->|") : " -.->|")
          .append(mermaidString(edgeLabel(e)))
          .append("| ")
          .append(node.get(e.to()))
          .append("\n");
    }
    Map<String, String> remotes = new LinkedHashMap<>();
    for (ExternalEndpoint x : map.external()) {
      String id = remotes.get(x.address());
      if (id == null) {
        id = "x" + remotes.size();
        remotes.put(x.address(), id);
        b.append("  ").append(id).append("([").append(mermaidString(x.address())).append("])\n");
      }
      boolean out = x.direction().equals("out");
      for (String c : x.components()) {
        b.append("  ")
            .append(out ? node.get(c) : id)
            .append(" -.->|")
            .append(mermaidString(":" + x.port()))
            .append("| ")
            .append(out ? id : node.get(c))
            .append("\n");
      }
    }
    return b.toString();
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
