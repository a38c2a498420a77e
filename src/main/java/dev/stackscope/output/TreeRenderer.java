package dev.stackscope.output;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws trees with Unicode box drawing ({@code ├─ └─ │}) or, for {@code --ascii} and non-UTF-8
 * locales, ASCII ({@code |- `- |}). Lines are cut only when a width limit is set.
 *
 * <p>Depth first with an explicit stack, and written as it goes: a chain of processes can be tens
 * of thousands deep, deeper than a thread's stack, and its lines (each as long as its depth) add up
 * to more than a heap should hold at once.
 */
final class TreeRenderer {
  private static final int WRITE_CHUNK = 64 * 1024;

  private TreeRenderer() {}

  /** Receives the lines of a tree, in order. */
  private interface Sink {
    void line(String line);
  }

  static List<String> render(List<TreeNode> roots, RenderSettings settings) {
    List<String> lines = new ArrayList<>();
    render(
        roots,
        settings,
        new Sink() {
          @Override
          public void line(String line) {
            lines.add(line);
          }
        });
    return lines;
  }

  /** Writes the trees to {@code out} in chunks (one write per 64 KiB, not one per line). */
  static void write(List<TreeNode> roots, RenderSettings settings, PrintWriter out) {
    String eol = System.lineSeparator();
    StringBuilder chunk = new StringBuilder();
    render(
        roots,
        settings,
        new Sink() {
          @Override
          public void line(String line) {
            chunk.append(line).append(eol);
            if (chunk.length() >= WRITE_CHUNK) {
              out.write(chunk.toString());
              chunk.setLength(0);
            }
          }
        });
    out.write(chunk.toString());
    out.flush();
  }

  /** The children of a node being drawn, the next one to draw, and the indent to go back to. */
  private static final class Level {
    final List<TreeNode> children;
    final int indentBefore;
    int next;

    Level(List<TreeNode> children, int indentBefore) {
      this.children = children;
      this.indentBefore = indentBefore;
    }
  }

  private static void render(List<TreeNode> roots, RenderSettings s, Sink sink) {
    String branch = s.unicode() ? "├─ " : "|- ";
    String last = s.unicode() ? "└─ " : "`- ";
    String pipe = s.unicode() ? "│  " : "|  ";
    StringBuilder indent = new StringBuilder();
    ArrayDeque<Level> levels = new ArrayDeque<>();
    for (TreeNode root : roots) {
      emit(root, "", sink, s);
      levels.push(new Level(root.children(), 0));
      while (!levels.isEmpty()) {
        Level level = levels.peek();
        if (level.next == level.children.size()) {
          levels.pop();
          indent.setLength(level.indentBefore);
          continue;
        }
        TreeNode child = level.children.get(level.next++);
        boolean isLast = level.next == level.children.size();
        emit(child, indent + (isLast ? last : branch), sink, s);
        if (!child.children().isEmpty()) {
          int before = indent.length();
          indent.append(isLast ? "   " : pipe);
          levels.push(new Level(child.children(), before));
        }
      }
    }
  }

  private static void emit(TreeNode node, String prefix, Sink sink, RenderSettings s) {
    int room = s.width() > 0 ? Math.max(1, s.width() - Text.displayWidth(prefix)) : 0;
    sink.line(prefix + node.label().render(s.color(), room, s.ellipsis()));
  }
}
