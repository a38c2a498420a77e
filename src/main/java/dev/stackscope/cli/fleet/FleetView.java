package dev.stackscope.cli.fleet;

import dev.stackscope.fleet.FleetMap;
import dev.stackscope.fleet.FleetMap.ExternalEndpoint;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.net.Reach;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import dev.stackscope.stack.Role;
import dev.stackscope.stack.StackMap.Listener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text view of a fleet map: components grouped by role in request order, each with its host,
 * its listeners and its edges (across hosts marked), then the external endpoints and a summary.
 */
final class FleetView {
  private final Output out;

  FleetView(Output out) {
    this.out = out;
  }

  void render(FleetMap map) {
    if (map.components().isEmpty()) {
      out.line(
          Text.of("No stack components in " + map.hosts().size() + " snapshot(s).", Style.DIM));
      return;
    }
    Map<String, List<FleetEdge>> from = new LinkedHashMap<>();
    for (FleetEdge e : map.edges()) {
      from.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
    }
    Map<Role, TreeNode> roles = new LinkedHashMap<>();
    for (FleetComponent c : map.components()) {
      TreeNode role =
          roles.computeIfAbsent(c.role(), r -> new TreeNode(Text.of(r.title(), Style.BOLD)));
      Text label = Text.of(c.key(), Style.BOLD);
      if (!c.program().equals(c.id())) {
        label.add(" (" + c.program() + ")");
      }
      label.add("  host ").add(c.host(), Style.CYAN);
      label.add("  pid " + c.pids().get(0));
      if (c.pids().size() > 1) {
        label.add(" +" + (c.pids().size() - 1), Style.DIM);
      }
      TreeNode node = role.add(new TreeNode(label));
      for (Listener l : c.listeners()) {
        node.add(
            new TreeNode(
                Text.of("listens ")
                    .add(hostPort(l.address(), l.port()), Style.CYAN)
                    .add("  ")
                    .add(
                        l.scope().toString(),
                        l.scope() == Reach.ALL_INTERFACES ? Style.YELLOW : Style.DIM)));
      }
      for (FleetEdge e : from.getOrDefault(c.key(), List.of())) {
        node.add(
            new TreeNode(
                Text.of("→ ")
                    .add(e.to(), Style.BOLD)
                    .add(e.path() != null ? " unix:" + e.path() : " :" + e.port())
                    .add(
                        "  "
                            + (e.kind().equals("replication") ? "replication, " : "")
                            + connections(e.count())
                            + (e.crossHost() ? ", across hosts" : ""),
                        Style.DIM)));
      }
    }
    List<TreeNode> trees = new ArrayList<>(roles.values());
    if (!map.external().isEmpty()) {
      TreeNode ext = new TreeNode(Text.of("external (served by no snapshot)", Style.BOLD));
      for (ExternalEndpoint x : map.external()) {
        boolean outbound = x.direction().equals("out");
        Text t =
            Text.of(outbound ? "→ " : "← ")
                .add(
                    outbound ? hostPort(x.address(), x.port()) : x.address() + " on :" + x.port(),
                    Style.YELLOW)
                .add("  " + connections(x.count()), Style.DIM)
                .add((outbound ? "  from " : "  to ") + String.join(", ", x.components()));
        if (x.ownerHost() != null) {
          t.add("  (address of " + x.ownerHost() + ", no component there)", Style.DIM);
        }
        ext.add(new TreeNode(t));
      }
      trees.add(ext);
    }
    out.trees(trees);
    out.blank();
    long cross = map.edges().stream().filter(FleetEdge::crossHost).count();
    out.line(
        Text.of(
            map.hosts().size()
                + " hosts, "
                + map.components().size()
                + " components, "
                + map.edges().size()
                + " edges ("
                + cross
                + " across hosts), "
                + map.external().size()
                + " external endpoints",
            Style.DIM));
  }

  private static String connections(int n) {
    return n + (n == 1 ? " connection" : " connections");
  }

  static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
