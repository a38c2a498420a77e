package dev.stackscope.stack;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.Position;
import dev.stackscope.stack.StackMap.Replication;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The map as graph text: Graphviz DOT and Mermaid flowcharts, components clustered by role in
 * request-flow order, edges labelled with the server's port and the connection count; a replica's
 * edge to its primary is dashed.
 */
public final class StackGraph {
  private StackGraph() {}

  /** A Graphviz {@code digraph}. */
  public static String dot(StackMap map) {
    return graph(map).dot();
  }

  /** A Mermaid {@code flowchart}. */
  public static String mermaid(StackMap map) {
    return graph(map).mermaid();
  }

  /**
   * The map as a graph: a box per role in request-flow order, inside it a box per container holding
   * that container's components.
   */
  private static GraphWriter graph(StackMap map) {
    List<String> order = new ArrayList<>();
    for (Component c : map.components()) {
      order.add(c.id());
    }
    GraphWriter g = new GraphWriter("stack", "r", order);
    for (Map.Entry<Role, List<Component>> e : byRole(map).entrySet()) {
      GraphWriter.Box role = g.box(e.getKey().title());
      Map<String, GraphWriter.Box> containers = new LinkedHashMap<>();
      for (Component c : e.getValue()) {
        if (c.container() == null) {
          role.node(c.id(), label(map, c, "\n"));
        }
      }
      for (Component c : e.getValue()) {
        if (c.container() != null) {
          containers
              .computeIfAbsent(
                  c.container().runtime() + "/" + c.container().id(),
                  k -> role.box(containerBox(c.place())))
              .node(c.id(), label(map, c, "\n"));
        }
      }
    }
    for (Edge e : map.edges()) {
      g.edge(e.from(), e.to(), edgeLabel(e), e.kind() == EdgeKind.REPLICATION, false);
    }
    for (StackMap.UnixEdge e : map.unixEdges()) {
      g.edge(e.from(), e.to(), unixLabel(e), true, false);
    }
    Set<String> remotes = new HashSet<>();
    for (External x : map.external()) {
      String node = "remote " + x.address();
      if (remotes.add(node)) {
        g.remote(node, x.address());
      }
      boolean out = x.direction().equals("out");
      g.edge(
          out ? x.component() : node,
          out ? node : x.component(),
          ":" + x.port() + " ×" + x.count(),
          true,
          false);
    }
    return g;
  }

  /** A container's box: {@code podman:web (localhost/bb:local)}, its namespace below. */
  private static String containerBox(ComponentPlace p) {
    String label = containerLabel(p.container());
    if (p.ownNetns()
        && p.netns().name() != null
        && !p.netns().name().equals(p.container().label())) {
      label += "\nnetns " + p.netns().name();
    }
    return label;
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
    if (c.container() == null) {
      String place = placeLabel(c.place()); // a container's is its box's label
      if (place != null) {
        s.append(newline).append(place);
      }
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
      if (l.publishedVia() != null) {
        s.append(" via ").append(l.publishedVia());
      }
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

  /**
   * Where a component runs, in short: {@code podman:web (localhost/bb:local) · netns web}, {@code
   * nginx.service}; null when it is in no unit or container and in the host's network namespace. A
   * container's own unit (its runtime's scope) is left out, and so is the host's namespace.
   */
  public static String placeLabel(ComponentPlace p) {
    List<String> parts = new ArrayList<>(3);
    if (p.container() != null) {
      parts.add(containerLabel(p.container()));
    } else if (p.unit() != null) {
      parts.add(p.unit());
    }
    if (p.ownNetns()) {
      parts.add(p.netns().name() == null ? p.netns().label() : "netns " + p.netns().name());
    }
    return parts.isEmpty() ? null : String.join(" · ", parts);
  }

  /** A container as {@code runtime:name (image)}; the id's start when it has no name. */
  public static String containerLabel(ContainerInfo c) {
    return c.runtime() + ":" + c.label() + (c.image() == null ? "" : " (" + c.image() + ")");
  }

  static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
