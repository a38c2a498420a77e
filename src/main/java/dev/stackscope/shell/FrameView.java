package dev.stackscope.shell;

import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a frame into the lines of a live view under the viewer's choices: rows filtered and sorted,
 * rows whose key is new since the previous frame marked NEW, and rows that are gone shown once more
 * at the end marked GONE. Pure: no terminal, so it is tested directly.
 */
final class FrameView {
  /** How a line is highlighted. */
  enum Mark {
    NONE,
    NEW,
    GONE
  }

  /** One rendered line (ANSI-styled when colour is on) and its highlight. */
  record Line(String text, Mark mark) {}

  /**
   * A rendered frame.
   *
   * @param lines the body
   * @param pinned how many leading lines stay put when scrolling (a table's header)
   * @param added keys new since the previous frame
   * @param gone keys gone since the previous frame
   * @param columns sortable columns (0 when the frame is not a table)
   * @param sortName the sort column's header, or null
   */
  record Rendered(
      List<Line> lines, int pinned, int added, int gone, int columns, String sortName) {}

  private FrameView() {}

  static Rendered render(Frame frame, Frame previous, ViewState s, RenderSettings rs) {
    return switch (frame.kind()) {
      case TABLE -> table(frame, previous, s, rs);
      case TREES -> trees(frame, previous, s, rs);
      case LINES -> lines(frame, s, rs);
      case DETAIL -> detail(frame, s, rs);
    };
  }

  private static Rendered table(Frame frame, Frame previous, ViewState s, RenderSettings rs) {
    Table t = frame.table();
    List<Column> columns = t.columns();
    int n = t.size();
    Map<String, Integer> current = new LinkedHashMap<>();
    for (int r = 0; r < n; r++) {
      String k = frame.rowKey(r);
      if (k != null) {
        current.putIfAbsent(k, r);
      }
    }
    boolean diff =
        frame.keyed()
            && previous != null
            && previous.keyed()
            && previous.kind() == Frame.Kind.TABLE;
    Set<String> before = new HashSet<>();
    if (diff) {
      for (int r = 0; r < previous.table().size(); r++) {
        before.add(previous.rowKey(r));
      }
    }
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (s.matches(rowText(t, r))) {
        rows.add(r);
      }
    }
    int sort = s.sortColumn < columns.size() ? s.sortColumn : -1;
    if (sort >= 0) {
      Comparator<Integer> byCell =
          (a, b) -> compareCells(t.cell(a, sort).plain(), t.cell(b, sort).plain());
      rows.sort(s.reverse ? byCell.reversed() : byCell);
    } else if (s.reverse) {
      java.util.Collections.reverse(rows);
    }
    List<Column> shown = new ArrayList<>(columns);
    if (sort >= 0) {
      Column c = columns.get(sort);
      String arrow = rs.unicode() ? (s.reverse ? " ▲" : " ▼") : (s.reverse ? " ^" : " v");
      shown.set(sort, new Column(c.header() + arrow, c.rightAligned(), c.flexible()));
    }
    Table view = new Table(shown);
    List<Mark> marks = new ArrayList<>();
    int added = 0;
    for (int r : rows) {
      view.row((Object[]) cells(t, r));
      boolean isNew = diff && !before.contains(frame.rowKey(r));
      marks.add(isNew ? Mark.NEW : Mark.NONE);
    }
    int gone = 0;
    if (diff) {
      for (String k : current.keySet()) {
        if (!before.contains(k)) {
          added++;
        }
      }
      Table p = previous.table();
      for (int r = 0; r < p.size(); r++) {
        if (!current.containsKey(previous.rowKey(r)) && p.columns().size() == columns.size()) {
          gone++;
          if (s.matches(rowText(p, r))) {
            view.row((Object[]) cells(p, r));
            marks.add(Mark.GONE);
          }
        }
      }
    }
    List<String> text = view.render(rs);
    List<Line> lines = new ArrayList<>(text.size());
    lines.add(new Line(text.get(0), Mark.NONE));
    for (int i = 1; i < text.size(); i++) {
      lines.add(new Line(text.get(i), marks.get(i - 1)));
    }
    String sortName = sort >= 0 ? columns.get(sort).header() : null;
    return new Rendered(lines, 1, added, gone, columns.size(), sortName);
  }

  private static Rendered trees(Frame frame, Frame previous, ViewState s, RenderSettings rs) {
    List<TreeNode> roots = new ArrayList<>();
    for (TreeNode root : frame.trees()) {
      TreeNode kept = filtered(root, s);
      if (kept != null) {
        roots.add(kept);
      }
    }
    boolean diff =
        frame.keyed()
            && previous != null
            && previous.keyed()
            && previous.kind() == Frame.Kind.TREES;
    Map<String, TreeNode> before = new LinkedHashMap<>();
    Map<String, TreeNode> now = new LinkedHashMap<>();
    if (diff) {
      for (TreeNode r : previous.trees()) {
        index(previous, r, before);
      }
      for (TreeNode r : frame.trees()) {
        index(frame, r, now);
      }
    }
    List<String> text = TreeNode.render(roots, rs);
    List<TreeNode> order = new ArrayList<>();
    for (TreeNode r : roots) {
      preorder(r, order);
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String key = diff && i < order.size() ? frame.nodeKey(order.get(i)) : null;
      boolean isNew = key != null && !before.containsKey(key);
      lines.add(new Line(text.get(i), isNew ? Mark.NEW : Mark.NONE));
    }
    int added = 0;
    int gone = 0;
    if (diff) {
      for (String k : now.keySet()) {
        if (!before.containsKey(k)) {
          added++;
        }
      }
      for (Map.Entry<String, TreeNode> e : before.entrySet()) {
        if (!now.containsKey(e.getKey())) {
          gone++;
          Text label = e.getValue().label();
          if (s.matches(label.plain())) {
            Text t = Text.of(rs.unicode() ? "✗ " : "x ").add(label);
            lines.add(new Line(t.render(false, rs.width(), rs.ellipsis()), Mark.GONE));
          }
        }
      }
    }
    return new Rendered(lines, 0, added, gone, 0, null);
  }

  private static Rendered lines(Frame frame, ViewState s, RenderSettings rs) {
    List<Line> lines = new ArrayList<>();
    for (Text t : frame.lines()) {
      if (s.matches(t.plain())) {
        lines.add(new Line(t.render(rs.color(), rs.width(), rs.ellipsis()), Mark.NONE));
      }
    }
    return new Rendered(lines, 0, 0, 0, 0, null);
  }

  private static Rendered detail(Frame frame, ViewState s, RenderSettings rs) {
    List<Line> lines = new ArrayList<>();
    List<String> plain = frame.detail().render(rs.withColor(false));
    List<String> styled = frame.detail().render(rs);
    for (int i = 0; i < styled.size(); i++) {
      if (s.matches(plain.get(i))) {
        lines.add(new Line(styled.get(i), Mark.NONE));
      }
    }
    return new Rendered(lines, 0, 0, 0, 0, null);
  }

  /** A copy of the tree keeping matching nodes with their subtrees and their ancestors. */
  private static TreeNode filtered(TreeNode node, ViewState s) {
    if (s.filter.isEmpty() || s.matches(node.label().plain())) {
      return node;
    }
    TreeNode copy = null;
    for (TreeNode child : node.children()) {
      TreeNode kept = filtered(child, s);
      if (kept != null) {
        if (copy == null) {
          copy = new TreeNode(node.label()).key(node.key());
        }
        copy.add(kept);
      }
    }
    return copy;
  }

  private static void index(Frame f, TreeNode node, Map<String, TreeNode> into) {
    String k = f.nodeKey(node);
    if (k != null) {
      into.putIfAbsent(k, node);
    }
    for (TreeNode c : node.children()) {
      index(f, c, into);
    }
  }

  private static void preorder(TreeNode node, List<TreeNode> into) {
    into.add(node);
    for (TreeNode c : node.children()) {
      preorder(c, into);
    }
  }

  private static Text[] cells(Table t, int row) {
    Text[] cells = new Text[t.columns().size()];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = t.cell(row, c);
    }
    return cells;
  }

  private static String rowText(Table t, int row) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < t.columns().size(); c++) {
      sb.append(t.cell(row, c).plain()).append("  ");
    }
    return sb.toString();
  }

  /** Numbers (with K/M/G/T suffixes, %) numerically and before text; text case-insensitively. */
  static int compareCells(String a, String b) {
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return Double.compare(x, y);
    }
    if (x != null) {
      return -1;
    }
    if (y != null) {
      return 1;
    }
    return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
  }

  private static Double number(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.equals("-")) {
      return null;
    }
    double factor = 1;
    t = t.replaceAll("(?i)i?b$", "");
    if (t.endsWith("%")) {
      t = t.substring(0, t.length() - 1);
    } else if (!t.isEmpty()) {
      int u = "KMGTP".indexOf(Character.toUpperCase(t.charAt(t.length() - 1)));
      if (u >= 0) {
        factor = Math.pow(1024, u + 1);
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      return Double.parseDouble(t) * factor;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
