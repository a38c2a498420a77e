package dev.stackscope.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One writer of graph text for the stack map and the fleet map: Graphviz DOT and Mermaid
 * flowcharts, left to right, with boxes (clusters, Mermaid subgraphs) holding nodes and boxes
 * inside them, edges labelled (dashed or bold), and ellipses for remote endpoints declared where
 * first used. Every name and label is quoted and escaped, so names read from the host cannot break
 * the syntax; Mermaid gets node ids of its own ({@code c0}, {@code x0}).
 */
public final class GraphWriter {
  /** A box and what it holds: nodes, then boxes within it. */
  public static final class Box {
    private final String label;
    private final List<String[]> nodes = new ArrayList<>();
    private final List<Box> boxes = new ArrayList<>();

    private Box(String label) {
      this.label = label;
    }

    /** Adds a node {@code key} shown as {@code label} (lines separated by {@code \n}). */
    public Box node(String key, String label) {
      nodes.add(new String[] {key, label});
      return this;
    }

    /** A box inside this one. */
    public Box box(String label) {
      Box b = new Box(label);
      boxes.add(b);
      return b;
    }
  }

  /** An edge, or (with {@code to} null) a remote endpoint's ellipse. */
  private record Item(String from, String to, String label, boolean dashed, boolean bold) {}

  private final String name;
  private final String boxPrefix;
  private final List<Box> boxes = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();
  private final Map<String, String> ids = new HashMap<>();

  /**
   * @param name the DOT graph's name
   * @param boxPrefix the prefix of the outer boxes' Mermaid ids ({@code r0}, {@code h0})
   * @param nodeOrder the nodes' keys in the order their Mermaid ids are numbered
   */
  public GraphWriter(String name, String boxPrefix, List<String> nodeOrder) {
    this.name = name;
    this.boxPrefix = boxPrefix;
    for (String key : nodeOrder) {
      ids.putIfAbsent(key, "c" + ids.size());
    }
  }

  /** An outer box. */
  public Box box(String label) {
    Box b = new Box(label);
    boxes.add(b);
    return b;
  }

  /** An edge; Mermaid draws a dashed one dotted and a bold one thick (dashed wins). */
  public GraphWriter edge(String from, String to, String label, boolean dashed, boolean bold) {
    items.add(new Item(from, to, label, dashed, bold));
    return this;
  }

  /** A remote endpoint, drawn as a dashed ellipse, declared here. */
  public GraphWriter remote(String key, String label) {
    items.add(new Item(key, null, label, true, false));
    return this;
  }

  /** A Graphviz {@code digraph}. */
  public String dot() {
    StringBuilder b = new StringBuilder();
    b.append("digraph ").append(name).append(" {\n");
    b.append("  rankdir=LR;\n");
    b.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (int i = 0; i < boxes.size(); i++) {
      dotBox(b, boxes.get(i), "cluster_" + i, "  ", "dashed");
    }
    for (Item e : items) {
      b.append("  ").append(dotString(e.from()));
      if (e.to() == null) {
        b.append(" [label=")
            .append(dotString(e.label()))
            .append(", shape=ellipse, style=dashed];\n");
        continue;
      }
      b.append(" -> ")
          .append(dotString(e.to()))
          .append(" [label=")
          .append(dotString(e.label()))
          .append(e.bold() ? ", penwidth=2" : "")
          .append(e.dashed() ? ", style=dashed" : "")
          .append("];\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private static void dotBox(StringBuilder b, Box box, String id, String indent, String style) {
    b.append(indent).append("subgraph ").append(id).append(" {\n");
    b.append(indent).append("  label=").append(dotString(box.label)).append(";\n");
    b.append(indent).append("  style=").append(style).append(";\n");
    for (String[] n : box.nodes) {
      b.append(indent)
          .append("  ")
          .append(dotString(n[0]))
          .append(" [label=")
          .append(dotString(n[1]))
          .append("];\n");
    }
    for (int i = 0; i < box.boxes.size(); i++) {
      dotBox(b, box.boxes.get(i), id + "_" + i, indent + "  ", "rounded");
    }
    b.append(indent).append("}\n");
  }

  /** A Mermaid {@code flowchart}. */
  public String mermaid() {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    for (int i = 0; i < boxes.size(); i++) {
      mermaidBox(b, boxes.get(i), boxPrefix + i, "  ");
    }
    Map<String, String> remotes = new HashMap<>();
    for (Item e : items) {
      if (e.to() == null) {
        String id = "x" + remotes.size();
        remotes.put(e.from(), id);
        b.append("  ").append(id).append("([").append(mermaidString(e.label())).append("])\n");
        continue;
      }
      b.append("  ")
          .append(mermaidId(remotes, e.from()))
          .append(e.dashed() ? " -.->|" : e.bold() ? " ==>|" : " -->|")
          .append(mermaidString(e.label()))
          .append("| ")
          .append(mermaidId(remotes, e.to()))
          .append("\n");
    }
    return b.toString();
  }

  private String mermaidId(Map<String, String> remotes, String key) {
    String id = remotes.get(key);
    return id != null ? id : ids.get(key);
  }

  private void mermaidBox(StringBuilder b, Box box, String id, String indent) {
    b.append(indent)
        .append("subgraph ")
        .append(id)
        .append("[")
        .append(mermaidString(box.label))
        .append("]\n");
    for (String[] n : box.nodes) {
      b.append(indent)
          .append("  ")
          .append(ids.get(n[0]))
          .append("[")
          .append(mermaidString(n[1]))
          .append("]\n");
    }
    for (int i = 0; i < box.boxes.size(); i++) {
      mermaidBox(b, box.boxes.get(i), id + "_" + i, indent + "  ");
    }
    b.append(indent).append("end\n");
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
