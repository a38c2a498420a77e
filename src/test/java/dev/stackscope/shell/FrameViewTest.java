package dev.stackscope.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.TreeNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameViewTest {
  private static final RenderSettings PLAIN = RenderSettings.plain();

  private static Frame procs(Object[]... rows) {
    Table t = Table.of(Column.number("PID"), Column.text("NAME"), Column.number("RSS"));
    for (Object[] r : rows) {
      t.row(r);
    }
    return Frame.of(t).keyedBy(0);
  }

  private static List<String> text(FrameView.Rendered r) {
    return r.lines().stream().map(FrameView.Line::text).toList();
  }

  private static List<FrameView.Mark> marks(FrameView.Rendered r) {
    return r.lines().stream().map(FrameView.Line::mark).toList();
  }

  @Test
  void sortsNumbersWithUnitsNumericallyAndReverses() {
    Frame f =
        procs(
            new Object[] {1, "init", "12M"},
            new Object[] {20, "nginx", "900K"},
            new Object[] {3, "sshd", "1.5G"});
    ViewState s = new ViewState(Duration.ofSeconds(2));
    s.sortRight(3);
    s.sortRight(3);
    s.sortRight(3); // RSS
    FrameView.Rendered r = FrameView.render(f, null, s, PLAIN);
    assertEquals("RSS", r.sortName());
    assertEquals(
        List.of("PID  NAME   RSS ▼", " 20  nginx   900K", "  1  init     12M", "  3  sshd    1.5G"),
        text(r));
    s.reverse = true;
    assertEquals("  3  sshd    1.5G", text(FrameView.render(f, null, s, PLAIN)).get(1));
    s.sortRight(3); // back to the command's order
    s.reverse = false;
    assertEquals("  1  init    12M", text(FrameView.render(f, null, s, PLAIN)).get(1));
  }

  @Test
  void newRowsAreMarkedAndGoneRowsShownOnceAtTheEnd() {
    Frame before = procs(new Object[] {1, "init", "1M"}, new Object[] {2, "old", "1M"});
    Frame now = procs(new Object[] {1, "init", "1M"}, new Object[] {3, "new", "1M"});
    FrameView.Rendered r =
        FrameView.render(now, before, new ViewState(Duration.ofSeconds(1)), PLAIN);
    assertEquals(
        List.of("PID  NAME  RSS", "  1  init   1M", "  3  new    1M", "  2  old    1M"), text(r));
    assertEquals(
        List.of(FrameView.Mark.NONE, FrameView.Mark.NONE, FrameView.Mark.NEW, FrameView.Mark.GONE),
        marks(r));
    assertEquals(1, r.added());
    assertEquals(1, r.gone());
    FrameView.Rendered first =
        FrameView.render(now, null, new ViewState(Duration.ofSeconds(1)), PLAIN);
    assertEquals(0, first.added(), "the first frame has nothing to compare with");
  }

  @Test
  void filterKeepsMatchingRowsCaseInsensitively() {
    Frame f = procs(new Object[] {1, "init", "1M"}, new Object[] {20, "Nginx", "1M"});
    ViewState s = new ViewState(Duration.ofSeconds(1));
    s.filter = "NGI";
    assertEquals(
        List.of("PID  NAME   RSS", " 20  Nginx   1M"), text(FrameView.render(f, null, s, PLAIN)));
  }

  @Test
  void treesFilterToMatchesWithTheirAncestorsAndMarkNewNodes() {
    TreeNode root = TreeNode.of("1 systemd");
    TreeNode a = root.add(TreeNode.of("10 nginx"));
    a.add(TreeNode.of("11 nginx worker"));
    root.add(TreeNode.of("20 sshd"));
    TreeNode oldRoot = TreeNode.of("1 systemd");
    oldRoot.add(TreeNode.of("20 sshd"));
    oldRoot.add(TreeNode.of("30 cron"));
    java.util.function.Function<String, String> pid = l -> l.split(" ")[0];
    Frame now = Frame.of(root).keyedBy(pid);
    Frame before = Frame.of(oldRoot).keyedBy(pid);
    ViewState s = new ViewState(Duration.ofSeconds(1));
    FrameView.Rendered r = FrameView.render(now, before, s, PLAIN);
    assertEquals(
        List.of("1 systemd", "├─ 10 nginx", "│  └─ 11 nginx worker", "└─ 20 sshd", "✗ 30 cron"),
        text(r));
    assertEquals(
        List.of(
            FrameView.Mark.NONE,
            FrameView.Mark.NEW,
            FrameView.Mark.NEW,
            FrameView.Mark.NONE,
            FrameView.Mark.GONE),
        marks(r));
    assertEquals(2, r.added());
    assertEquals(1, r.gone());
    s.filter = "worker";
    assertEquals(
        List.of("1 systemd", "└─ 10 nginx", "   └─ 11 nginx worker"),
        text(FrameView.render(now, null, s, PLAIN)));
  }

  @Test
  void detailViewsFilterByLine() {
    dev.stackscope.output.Detail d = dev.stackscope.output.Detail.titled("nginx");
    d.section("Identity").field("pid", 10).field("user", "www-data");
    ViewState s = new ViewState(Duration.ofSeconds(1));
    assertEquals(
        List.of("nginx", "", "Identity", "  pid   10", "  user  www-data"),
        text(FrameView.render(Frame.of(d), null, s, PLAIN)));
    s.filter = "www";
    assertEquals(List.of("  user  www-data"), text(FrameView.render(Frame.of(d), null, s, PLAIN)));
  }

  @Test
  void intervalsParseAndStep() {
    assertEquals(Duration.ofSeconds(2), Interval.parse("2"));
    assertEquals(Duration.ofMillis(500), Interval.parse("0.5"));
    assertEquals(Duration.ofMillis(250), Interval.parse("250ms"));
    assertEquals(Duration.ofSeconds(90), Interval.parse("1.5m"));
    assertEquals("0.5s", Interval.format(Duration.ofMillis(500)));
    assertEquals("1m30s", Interval.format(Duration.ofSeconds(90)));
    assertEquals(Duration.ofSeconds(5), Interval.longer(Duration.ofSeconds(2)));
    assertEquals(Duration.ofMillis(100), Interval.shorter(Duration.ofMillis(200)));
    assertEquals(
        Duration.ofMillis(100), Interval.shorter(Duration.ofMillis(100)), "not below 0.1s");
    for (String bad : new String[] {"0.05", "x", "-1", "25h", "NaN"}) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> Interval.parse(bad), bad);
    }
  }
}
