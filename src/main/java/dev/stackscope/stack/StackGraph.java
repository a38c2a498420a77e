package dev.stackscope.stack;

import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.Position;
import dev.stackscope.stack.StackMap.Replication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map as graph text: Graphviz DOT and Mermaid flowcharts, components clustered by role in
 * request-flow order, edges labelled with the server's port and the connection count; a replica's
 * edge to its primary is dashed.
 */
public final class StackGraph {
  private StackGraph() {}

  /** A Graphviz {@code digraph}. */
  public static String dot(StackMap map) {
    StringBuilder b = new StringBuilder();
    b.append("digraph stack {\n");
    b.append("  rankdir=LR;\n");
    b.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    int cluster = 0;
    for (Map.Entry<Role, List<Component>> e : byRole(map).entrySet()) {
      b.append("  subgraph cluster_").append(cluster++).append(" {\n");
      b.append("    label=").append(dotString(e.getKey().title())).append(";\n");
      b.append("    style=dashed;\n");
      for (Component c : e.getValue()) {
        b.append("    ")
            .append(dotString(c.id()))
            .append(" [label=")
            .append(dotString(label(map, c, "\n")))
            .append("];\n");
      }
      b.append("  }\n");
    }
    for (Edge e : map.edges()) {
      b.append("  ")
          .append(dotString(e.from()))
          .append(" -> ")
          .append(dotString(e.to()))
          .append(" [label=")
          .append(dotString(edgeLabel(e)))
          .append(e.kind() == EdgeKind.REPLICATION ? ", style=dashed" : "")
          .append("];\n");
    }
    for (StackMap.UnixEdge e : map.unixEdges()) {
      b.append("  ")
          .append(dotString(e.from()))
          .append(" -> ")
          .append(dotString(e.to()))
          .append(" [label=")
          .append(dotString(unixLabel(e)))
          .append(", style=dashed];\n");
    }
    List<String> remotes = new ArrayList<>();
    for (External x : map.external()) {
      String node = "remote " + x.address();
      if (!remotes.contains(node)) {
        remotes.add(node);
        b.append("  ")
            .append(dotString(node))
            .append(" [label=")
            .append(dotString(x.address()))
            .append(", shape=ellipse, style=dashed];\n");
      }
      boolean out = x.direction().equals("out");
      b.append("  ")
          .append(dotString(out ? x.component() : node))
          .append(" -> ")
          .append(dotString(out ? node : x.component()))
          .append(" [label=")
          .append(dotString(":" + x.port() + " ×" + x.count()))
          .append(", style=dashed];\n");
    }
    b.append("}\n");
    return b.toString();
  }

  /** A Mermaid {@code flowchart}. */
  public static String mermaid(StackMap map) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    Map<String, String> node = new LinkedHashMap<>();
    for (Component c : map.components()) {
      node.put(c.id(), "c" + node.size());
    }
    int group = 0;
    for (Map.Entry<Role, List<Component>> e : byRole(map).entrySet()) {
      b.append("  subgraph r")
          .append(group++)
          .append("[")
          .append(mermaidString(e.getKey().title()))
          .append("]\n");
      for (Component c : e.getValue()) {
        b.append("    ")
            .append(node.get(c.id()))
            .append("[")
            .append(mermaidString(label(map, c, "\n")))
            .append("]\n");
      }
      b.append("  end\n");
    }
    for (Edge e : map.edges()) {
      b.append("  ")
          .append(node.get(e.from()))
          .append(e.kind() == EdgeKind.REPLICATION ? " -.->|" : " -->|")
          .append(mermaidString(edgeLabel(e)))
          .append("| ")
          .append(node.get(e.to()))
          .append("\n");
    }
    for (StackMap.UnixEdge e : map.unixEdges()) {
      b.append("  ")
          .append(node.get(e.from()))
          .append(" -.->|")
          .append(mermaidString(unixLabel(e)))
          .append("| ")
          .append(node.get(e.to()))
          .append("\n");
    }
    Map<String, String> remotes = new LinkedHashMap<>();
    for (External x : map.external()) {
      String id = remotes.get(x.address());
      if (id == null) {
        id = "x" + remotes.size();
        remotes.put(x.address(), id);
        b.append("  ").append(id).append("([").append(mermaidString(x.address())).append("])\n");
      }
      boolean out = x.direction().equals("out");
      b.append("  ")
          .append(out ? node.get(x.component()) : id)
          .append(" -.->|")
          .append(mermaidString(":" + x.port() + " ×" + x.count()))
          .append("| ")
          .append(out ? id : node.get(x.component()))
          .append("\n");
    }
    return b.toString();
  }

  private static Map<Role, List<Component>> byRole(StackMap map) {
    Map<Role, List<Component>> out = new LinkedHashMap<>();
    for (Component c : map.components()) {
      out.computeIfAbsent(c.role(), r -> new ArrayList<>()).add(c);
    }
    return out;
  }

  private static String label(StackMap map, Component c, String newline) {
    StringBuilder s = new StringBuilder(c.id());
    if (!c.program().equals(c.id())) {
      s.append(" (").append(c.program()).append(")");
    }
    if (c.replication() != null) {
      s.append(newline).append(replication(map, c.replication()));
    }
    s.append(newline).append(c.pids().size() == 1 ? "pid " : "pids ").append(c.pids().get(0));
    if (c.pids().size() > 1) {
      s.append(" +").append(c.pids().size() - 1);
    }
    for (Listener l : c.listeners()) {
      s.append(newline).append(hostPort(l.address(), l.port())).append(" ").append(l.scope());
    }
    return s.toString();
  }

  private static String unixLabel(StackMap.UnixEdge e) {
    return "unix:" + e.path() + " ×" + e.count();
  }

  private static String edgeLabel(Edge e) {
    return (e.kind() == EdgeKind.REPLICATION ? "replication :" : ":") + e.port() + " ×" + e.count();
  }

  /**
   * A replication position in words: {@code primary}, {@code replica of postgres@:5432, lag 0
   * bytes} (a local primary), {@code replica of 10.0.0.5:5432} (another host's).
   */
  public static String replication(StackMap map, Replication r) {
    if (r.position() == Position.PRIMARY) {
      return "primary";
    }
    StringBuilder s = new StringBuilder("replica of ");
    if (r.of() == null) {
      s.append("an unknown primary");
    } else if (map.component(r.of()) != null) {
      s.append(r.of()).append(r.port() == null ? "" : "@:" + r.port());
    } else {
      s.append(r.port() == null ? r.of() : hostPort(r.of(), r.port()));
    }
    if (r.lag() != null) {
      s.append(", lag ").append(r.lag()).append(r.lag() == 1 ? " byte" : " bytes");
    }
    return s.toString();
  }

  static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** A DOT quoted string: quotes and backslashes escaped, control characters dropped. */
  public static String dotString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch == '\n') {
        b.append("\\n");
      } else if (ch >= ' ' && ch != 0x7f) {
        b.append(ch);
      }
    }
    return b.append('"').toString();
  }

  /** A Mermaid quoted label: quotes as entity codes, so names cannot break the syntax. */
  public static String mermaidString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("#quot;");
        case '#' -> b.append("#35;");
        case '|' -> b.append("#124;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '\n' -> b.append("<br/>");
        default -> {
          if (ch >= ' ' && ch != 0x7f) {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
