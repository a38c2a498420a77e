package dev.stackscope.cli.stack;

import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import dev.stackscope.stack.ComponentResources;
import dev.stackscope.stack.Pressure;
import dev.stackscope.stack.StackMap;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pressure parts of the stack's text view: queues, resources, states, declarations. */
final class PressureLines {
  private PressureLines() {}

  /** " queue 0/511", " queue FULL 2/1" in red; nothing when unknown. */
  static void queue(Text t, Listener l) {
    if (l.acceptQueue() == null) {
      return;
    }
    String q = l.acceptQueue() + (l.backlog() == null ? "" : "/" + l.backlog());
    t.add("  queue ", Style.DIM);
    t.add(l.queueFull() ? "FULL " + q : q, l.queueFull() ? Style.BOLD_RED : Style.DIM);
  }

  /** The resources line of a component, or null when none were read. */
  static TreeNode resources(Component c) {
    ComponentResources r = c.resources();
    if (r == null) {
      return null;
    }
    Text t = Text.of("resources  ", Style.DIM);
    t.add(
        r.cpuPercent() == null
            ? "cpu -"
            : String.format(Locale.ROOT, "cpu %.1f%%", r.cpuPercent()));
    t.add("  rss " + bytes(r.rssBytes()));
    t.add("  threads " + r.threads());
    t.add("  " + r.processes() + (r.processes() == 1 ? " process" : " processes"));
    if (r.descriptors() != null) {
      t.add("  fds " + r.descriptors());
      if (r.descriptorLimit() != null) {
        String worst =
            r.descriptorOpen() + "/" + r.descriptorLimit() + " " + r.descriptorPercent() + "%";
        String text =
            r.processes() == 1
                ? " (" + worst + ")"
                : " (pid " + r.descriptorPid() + ": " + worst + ")";
        t.add(text, r.nearLimit() ? Style.BOLD_RED : Style.DIM);
      }
      if (r.nearLimit()) {
        t.add("  near the descriptor limit", Style.BOLD_RED);
      }
    }
    return new TreeNode(t);
  }

  /** After an edge's count: its states, a pile-up, where it was declared. */
  static void edge(Text t, Edge e) {
    states(t, e.states());
    if (e.closeWaitPileUp()) {
      t.add("  CLOSE_WAIT pile-up: the server is not closing", Style.BOLD_RED);
    }
    declared(t, e.origin(), e.declaredAt());
  }

  /** After a Unix edge's count: where it was declared. */
  static void unixEdge(Text t, StackMap.UnixEdge e) {
    declared(t, e.origin(), e.declaredAt());
  }

  private static void declared(Text t, String origin, List<String> at) {
    if (origin == null || origin.equals(Origin.OBSERVED)) {
      return;
    }
    t.add("  declared " + String.join(", ", at), Style.DIM);
    if (origin.equals(Origin.DECLARED)) {
      t.add(", not seen connected", Style.YELLOW);
    }
  }

  private static void states(Text t, Map<String, Integer> states) {
    if (states == null || states.isEmpty()) {
      return;
    }
    if (states.size() == 1 && states.containsKey("established")) {
      return; // the count says it
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> s : new java.util.TreeMap<>(states).entrySet()) {
      parts.add(s.getKey() + " " + s.getValue());
    }
    t.add(" (" + String.join(", ", parts) + ")", Style.DIM);
  }

  /** The declared connections of a component that lead nowhere on this host, as nodes. */
  static List<TreeNode> unreached(StackMap map, Component c) {
    List<TreeNode> out = new ArrayList<>();
    if (map.pressure() == null) {
      return out;
    }
    for (Pressure.Declared d : map.pressure().declared()) {
      if (!d.from().equals(c.id())
          || d.status() == Pressure.Status.OBSERVED
          || d.status() == Pressure.Status.NOT_SEEN) {
        continue;
      }
      boolean bad = d.status() == Pressure.Status.NOTHING_LISTENS;
      out.add(
          new TreeNode(
              Text.of(bad ? "✗ declared " : "⇢ declared ", bad ? Style.BOLD_RED : Style.PLAIN)
                  .add(
                      d.directive() + " " + d.target() + ": " + d.status(),
                      bad ? Style.RED : Style.PLAIN)
                  .add("  " + d.declaredAt(), Style.DIM)));
    }
    return out;
  }

  /** The sample's line ("During 5s: ListenOverflows +3, ..."), or null without a sample. */
  static Text sample(StackMap map) {
    Pressure p = map.pressure();
    if (p == null || p.sampleMillis() == null) {
      return null;
    }
    StringBuilder b = new StringBuilder("During ");
    b.append(
        dev.stackscope.cli.DurationOption.BareUnit.SECONDS.format(
            java.time.Duration.ofMillis(p.sampleMillis())));
    b.append(": ");
    if (p.listenOverflows() == null) {
      b.append("ListenOverflows and ListenDrops unknown");
    } else {
      b.append("ListenOverflows +").append(p.listenOverflows());
      b.append(", ListenDrops +").append(p.listenDrops());
    }
    b.append(
        p.seenFull().isEmpty()
            ? "; no accept queue seen full"
            : "; seen full: " + String.join(", ", p.seenFull()));
    boolean bad =
        !p.seenFull().isEmpty() || (p.listenOverflows() != null && p.listenOverflows() > 0);
    return Text.of(b.toString(), bad ? Style.BOLD_YELLOW : Style.DIM);
  }

  static String bytes(long b) {
    if (b < 1024 * 1024) {
      return (b / 1024) + " KiB";
    }
    if (b < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GiB", b / (1024.0 * 1024 * 1024));
  }
}
