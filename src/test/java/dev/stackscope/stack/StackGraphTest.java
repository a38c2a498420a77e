package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.net.Reach;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackGraphTest {
  static final StackMap MAP =
      new StackMap(
          List.of(
              new Component(
                  "web\"x",
                  Role.WEB,
                  "web\"x",
                  List.of(1, 2),
                  "u",
                  new RuleMatch(RuleMatch.Kind.ARGV0, "r"),
                  Confidence.HIGH,
                  List.of(new Listener("tcp", "::", 80, Reach.ALL_INTERFACES))),
              new Component(
                  "app|<b>",
                  Role.APP,
                  "app|<b>",
                  List.of(3),
                  "u",
                  new RuleMatch(RuleMatch.Kind.ARGV0, "r"),
                  Confidence.LOW,
                  List.of())),
          List.of(new Edge("web\"x", "app|<b>", 8000, 3)),
          List.of(new External("app|<b>", "out", "192.0.2.1", 443, 1)));

  @Test
  void dotQuotesHostileNames() {
    String dot = StackGraph.dot(MAP);
    assertTrue(dot.startsWith("digraph stack {\n"));
    assertTrue(dot.contains("\"web\\\"x\" -> \"app|<b>\" [label=\":8000 ×3\"];"), dot);
    assertTrue(dot.contains("[::]:80 all interfaces"), dot);
    assertTrue(dot.contains("\"remote 192.0.2.1\""), dot);
  }

  @Test
  void mermaidUsesGeneratedIdsAndEntityCodes() {
    String m = StackGraph.mermaid(MAP);
    assertEquals("flowchart LR", m.lines().findFirst().orElseThrow());
    assertTrue(m.contains("c0 -->|\":8000 ×3\"| c1"), m);
    assertTrue(m.contains("app#124;#lt;b#gt;"), m);
    assertFalse(m.contains("<b>"), m);
    assertTrue(m.contains("c1 -.->|\":443 ×1\"| x0"), m);
    // every line is a known statement: flowchart, subgraph, end, node, edge
    for (String line : m.lines().skip(1).toList()) {
      assertTrue(
          line.matches(
              "\\s*(subgraph r\\d+\\[\"[^\"]*\"\\]|end|c\\d+\\[\"[^\"]*\"\\]|x\\d+\\(\\[\"[^\"]*\"\\]\\)"
                  + "|[cx]\\d+ -(->|\\.->)\\|\"[^\"]*\"\\| [cx]\\d+)"),
          line);
    }
  }
}
