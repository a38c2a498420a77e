package dev.stackscope.cli.url;

import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.url.UrlSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * The URL with each component marked underneath (like {@code adaparse -d}): the URL, a line of
 * brackets under the components, then their names, each starting under its component, on as few
 * lines as fit without overlapping.
 */
final class UrlMarkup {
  private UrlMarkup() {}

  static List<Text> render(UrlSpans.Marked marked, boolean unicode) {
    List<Text> lines = new ArrayList<>();
    Text url = Text.empty();
    int at = 0;
    for (UrlSpans.Span s : marked.spans()) {
      url.add(marked.text().substring(at, s.start()), Style.DIM);
      url.add(marked.text().substring(s.start(), s.end()), style(s.name()));
      at = s.end();
    }
    url.add(marked.text().substring(at), Style.DIM);
    lines.add(url);

    StringBuilder brackets = new StringBuilder();
    for (UrlSpans.Span s : marked.spans()) {
      pad(brackets, s.start());
      brackets.append(bracket(s.end() - s.start(), unicode));
    }
    lines.add(Text.of(brackets.toString(), Style.DIM));

    List<StringBuilder> rows = new ArrayList<>();
    List<List<UrlSpans.Span>> rowSpans = new ArrayList<>();
    for (UrlSpans.Span s : marked.spans()) {
      int r = 0;
      while (r < rows.size() && rows.get(r).length() > 0 && rows.get(r).length() + 1 > s.start()) {
        r++;
      }
      if (r == rows.size()) {
        rows.add(new StringBuilder());
        rowSpans.add(new ArrayList<>());
      }
      pad(rows.get(r), s.start());
      rows.get(r).append(s.name());
      rowSpans.get(r).add(s);
    }
    for (int r = 0; r < rows.size(); r++) {
      Text row = Text.empty();
      int col = 0;
      for (UrlSpans.Span s : rowSpans.get(r)) {
        row.add(" ".repeat(s.start() - col));
        row.add(s.name(), style(s.name()));
        col = s.start() + s.name().length();
      }
      lines.add(row);
    }
    return lines;
  }

  private static void pad(StringBuilder b, int column) {
    while (b.length() < column) {
      b.append(' ');
    }
  }

  private static String bracket(int width, boolean unicode) {
    if (width == 1) {
      return unicode ? "│" : "^";
    }
    String line = (unicode ? "─" : "-").repeat(width - 2);
    return unicode ? "└" + line + "┘" : "`" + line + "'";
  }

  static Style style(String component) {
    return switch (component) {
      case "scheme" -> Style.CYAN;
      case "user" -> Style.GREEN;
      case "password" -> Style.RED;
      case "host" -> Style.BOLD_YELLOW;
      case "port" -> Style.MAGENTA;
      case "path" -> Style.BLUE;
      case "query" -> Style.GREEN;
      default -> Style.YELLOW;
    };
  }
}
