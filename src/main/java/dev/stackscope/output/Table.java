package dev.stackscope.output;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned table with a header row. Number columns are right-aligned. Cells are cut with an
 * ellipsis only when a width limit is set (a terminal narrower than the row, or --width), never
 * when output is piped; the flexible column (by default the last) gives up its width first.
 */
public final class Table {
  /** A column: its header, alignment, and whether it shrinks first when the row is too wide. */
  public record Column(String header, boolean rightAligned, boolean flexible) {
    public static Column text(String header) {
      return new Column(header, false, false);
    }

    public static Column number(String header) {
      return new Column(header, true, false);
    }

    /** A text column that absorbs truncation first (COMMAND, a path). */
    public static Column flexible(String header) {
      return new Column(header, false, true);
    }
  }

  private final List<Column> columns;
  private final List<Text[]> rows = new ArrayList<>();

  public Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  public static Table of(Column... columns) {
    return new Table(List.of(columns));
  }

  public List<Column> columns() {
    return columns;
  }

  public int size() {
    return rows.size();
  }

  /** The cell at a row and column, for views that sort, filter or diff rows (--watch). */
  public Text cell(int row, int column) {
    return rows.get(row)[column];
  }

  /** Adds a row of cells: {@link Text}, or any value printed through {@link String#valueOf}. */
  public Table row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + columns.size() + " columns");
    }
    Text[] row = new Text[cells.length];
    for (int i = 0; i < cells.length; i++) {
      Object c = cells[i];
      row[i] = c instanceof Text t ? t : Text.of(c == null ? "-" : String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  /** Renders the header and rows as lines without trailing spaces. */
  public List<String> render(RenderSettings settings) {
    int n = columns.size();
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = Text.displayWidth(columns.get(i).header());
    }
    for (Text[] row : rows) {
      for (int i = 0; i < n; i++) {
        widths[i] = Math.max(widths[i], row[i].width());
      }
    }
    int limit = settings.width();
    if (limit > 0) {
      shrink(widths, limit);
    }
    List<String> lines = new ArrayList<>(rows.size() + 1);
    Text[] header = new Text[n];
    for (int i = 0; i < n; i++) {
      header[i] = Text.of(columns.get(i).header(), Style.BOLD);
    }
    lines.add(line(header, widths, settings));
    for (Text[] row : rows) {
      lines.add(line(row, widths, settings));
    }
    return lines;
  }

  private void shrink(int[] widths, int limit) {
    int n = widths.length;
    int total = (n - 1) * 2;
    for (int w : widths) {
      total += w;
    }
    int excess = total - limit;
    if (excess <= 0) {
      return;
    }
    // Flexible columns first (last one first), then the widest others, never below the header.
    List<Integer> order = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      if (columns.get(i).flexible()) {
        order.add(i);
      }
    }
    if (order.isEmpty()) {
      order.add(n - 1);
    }
    for (int i : order) {
      int min = Math.min(widths[i], Math.max(4, Text.displayWidth(columns.get(i).header())));
      int take = Math.min(excess, widths[i] - min);
      widths[i] -= take;
      excess -= take;
      if (excess <= 0) {
        return;
      }
    }
    while (excess > 0) {
      int widest = 0;
      for (int i = 1; i < n; i++) {
        if (widths[i] > widths[widest]) {
          widest = i;
        }
      }
      if (widths[widest] <= 4) {
        return; // cannot shrink further; the line is cut by the terminal
      }
      widths[widest]--;
      excess--;
    }
  }

  private String line(Text[] cells, int[] widths, RenderSettings settings) {
    StringBuilder sb = new StringBuilder();
    int n = cells.length;
    int pendingSpaces = 0;
    for (int i = 0; i < n; i++) {
      Text cell = cells[i];
      int w = Math.min(cell.width(), widths[i]);
      String rendered = cell.render(settings.color(), widths[i], settings.ellipsis());
      int pad = widths[i] - w;
      boolean right = columns.get(i).rightAligned();
      if (i > 0) {
        pendingSpaces += 2;
      }
      if (right) {
        pendingSpaces += pad;
      }
      if (!rendered.isEmpty()) {
        sb.append(" ".repeat(pendingSpaces)).append(rendered);
        pendingSpaces = 0;
      }
      if (!right) {
        pendingSpaces += pad;
      }
    }
    return sb.toString();
  }
}
