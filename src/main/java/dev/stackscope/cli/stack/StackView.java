package dev.stackscope.cli.stack;

import dev.stackscope.net.Reach;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import dev.stackscope.stack.Role;
import dev.stackscope.stack.StackGraph;
import dev.stackscope.stack.StackMap;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text view of a stack map: components grouped by role in request-flow order. */
final class StackView {
  private final Output out;

  StackView(Output out) {
    this.out = out;
  }

  void render(StackMap map) {
    List<TreeNode> trees = trees(map);
    if (map.components().isEmpty()) {
      out.line(trees.get(0).label());
      return;
    }
    out.trees(trees.subList(0, trees.size() - 1));
    out.blank();
    out.line(trees.get(trees.size() - 1).label());
  }

  /**
   * The view as trees: one per role, in request-flow order, then a one-line summary (the only line
   * when nothing was found). Used by the one-shot view and by each {@code --watch} frame.
   */
  static List<TreeNode> trees(StackMap map) {
    if (map.components().isEmpty()) {
      return List.of(
          new TreeNode(
              Text.of("No stack components found among the running processes.", Style.DIM)));
    }
    Map<Role, TreeNode> roles = new LinkedHashMap<>();
    for (Component c : map.components()) {
      TreeNode role = roles.get(c.role());
      if (role == null) {
        role = new TreeNode(Text.of(c.role().title(), Style.BOLD));
        roles.put(c.role(), role);
      }
      TreeNode node = role.add(new TreeNode(component(map, c)));
      TreeNode resources = PressureLines.resources(c);
      if (resources != null) {
        node.add(resources);
      }
      for (Listener l : c.listeners()) {
        Text listens =
            Text.of("listens ")
                .add(hostPort(l.address(), l.port()), Style.CYAN)
                .add("  ")
                .add(l.scope().toString(), scopeStyle(l.scope()));
        if (l.publishedVia() != null) {
          listens.add("  published via " + l.publishedVia(), Style.DIM);
        }
        PressureLines.queue(listens, l);
        node.add(new TreeNode(listens));
      }
      for (Edge e : map.edges()) {
        boolean replication = e.kind() == EdgeKind.REPLICATION;
        if (e.from().equals(c.id())) {
          boolean declaredOnly = StackMap.Origin.DECLARED.equals(e.origin());
          Text edge =
              Text.of(replication ? "⇢ follows " : declaredOnly ? "⇢ " : "→ ")
                  .add(e.to(), Style.BOLD)
                  .add(" :" + e.port())
                  .add(
                      declaredOnly
                          ? ""
                          : "  "
                              + (replication ? "replication, " : "")
                              + e.count()
                              + (e.count() == 1 ? " connection" : " connections"),
                      Style.DIM);
          PressureLines.edge(edge, e);
          node.add(new TreeNode(edge));
        } else if (replication && e.to().equals(c.id())) {
          node.add(
              new TreeNode(Text.of("⇠ replica ").add(e.from(), Style.BOLD).add(" :" + e.port())));
        }
      }
      for (StackMap.UnixEdge e : map.unixEdges()) {
        if (e.from().equals(c.id())) {
          boolean declaredOnly = StackMap.Origin.DECLARED.equals(e.origin());
          Text edge =
              Text.of(declaredOnly ? "⇢ " : "→ ")
                  .add(e.to(), Style.BOLD)
                  .add(" unix:" + e.path())
                  .add(
                      declaredOnly
                          ? ""
                          : "  " + e.count() + (e.count() == 1 ? " connection" : " connections"),
                      Style.DIM);
          PressureLines.unixEdge(edge, e);
          node.add(new TreeNode(edge));
        }
      }
      for (TreeNode n : PressureLines.unreached(map, c)) {
        node.add(n);
      }
      for (External x : map.external()) {
        if (x.component().equals(c.id())) {
          boolean outbound = x.direction().equals("out");
          node.add(
              new TreeNode(
                  Text.of(outbound ? "→ remote " : "← remote ")
                      .add(
                          outbound
                              ? hostPort(x.address(), x.port())
                              : x.address() + " on :" + x.port(),
                          Style.YELLOW)
                      .add(
                          "  " + x.count() + (x.count() == 1 ? " connection" : " connections"),
                          Style.DIM)));
        }
      }
    }
    List<TreeNode> trees = new ArrayList<>(roles.values());
    trees.add(
        new TreeNode(
            Text.of(
                map.components().size()
                    + " components, "
                    + map.edges().size()
                    + " local links, "
                    + map.external().size()
                    + " remote endpoints",
                Style.DIM)));
    Text sample = PressureLines.sample(map);
    if (sample != null) {
      trees.add(trees.size() - 1, new TreeNode(sample));
    }
    return trees;
  }

  /**
   * What identifies a node across {@code --watch} frames: its text before the first double space
   * (role title, component id, "listens ADDRESS:PORT", "→ peer :port"), so changing counts and PIDs
   * do not make a node look new.
   */
  static String nodeKey(String label) {
    int cut = label.indexOf("  ");
    return cut < 0 ? label : label.substring(0, cut);
  }

  private static Text component(StackMap map, Component c) {
    Text t = Text.of(c.id(), Style.BOLD);
    boolean named = !c.program().equals(c.id());
    if (named || c.replication() != null) {
      t.add(" (" + (named ? c.program() : ""));
      if (c.replication() != null) {
        t.add((named ? ", " : "") + StackGraph.replication(map, c.replication()), Style.MAGENTA);
      }
      t.add(")");
    }
    String place = StackGraph.placeLabel(c.place());
    if (place != null) {
      t.add(" [" + place + "]", Style.CYAN);
    }
    List<Integer> pids = c.pids();
    t.add("  pid " + pids.get(0));
    if (pids.size() > 1) {
      t.add(" +" + (pids.size() - 1), Style.DIM);
    }
    if (c.user() != null) {
      t.add("  user " + c.user());
    }
    t.add(
        "  ["
            + RuleWords.of(c.rule())
            + ", "
            + c.confidence()
            + (c.ruleSource() == null ? "" : ", rule " + c.ruleSource())
            + "]",
        Style.DIM);
    return t;
  }

  private static Style scopeStyle(Reach s) {
    return switch (s) {
      case LOOPBACK -> Style.GREEN;
      case PRIVATE -> Style.CYAN;
      case LINK_LOCAL -> Style.CYAN;
      case ALL_INTERFACES -> Style.YELLOW;
      case PUBLIC -> Style.RED;
    };
  }

  static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
