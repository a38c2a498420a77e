package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.TreeNode;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The display side of a tree at the sizes of issue 14: a chain of processes as deep as a host can
 * have PIDs, and a wide tree of 30,000, through the compacting view and the renderer without
 * recursion and without holding the whole text at once.
 */
class TreeScaleTest {
  static ProcessInfo p(int pid, String name) {
    return ProcessTreeViewTest.p(pid, name, "root", name);
  }

  /** A chain of {@code depth} processes, PID 1 at the top, {@code deepest} at the bottom. */
  static ProcessNode chain(int depth) {
    ProcessNode node = new ProcessNode(p(depth, "deepest"), List.of(), List.of());
    for (int pid = depth - 1; pid >= 1; pid--) {
      node = new ProcessNode(p(pid, "link"), List.of(node), List.of());
    }
    return node;
  }

  /** Counts lines and keeps the last one; holds nothing else. */
  static final class LastLine extends Writer {
    int lines;
    StringBuilder current = new StringBuilder();
    String last = "";

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines++;
          last = current.toString();
          current.setLength(0);
        } else {
          current.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static LastLine render(List<TreeNode> roots, boolean unicode) {
    LastLine sink = new LastLine();
    Output out =
        new Output(
            new PrintWriter(sink),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain().withUnicode(unicode));
    out.trees(roots);
    return sink;
  }

  static ProcessTreeView view(boolean compact) {
    return new ProcessTreeView(false, false, false, false, compact, Set.of(), Map.of(), false);
  }

  @Test
  void aThirtyThousandDeepChainBecomesAThirtyThousandDeepDisplayTree() {
    for (boolean compact : new boolean[] {true, false}) {
      List<TreeNode> roots = view(compact).render(List.of(chain(30_000)));
      TreeNode node = roots.get(0);
      int depth = 1;
      while (!node.children().isEmpty()) {
        assertEquals(1, node.children().size());
        node = node.children().get(0);
        depth++;
      }
      assertEquals(30_000, depth);
      assertEquals("deepest", node.label().plain());
      assertEquals("30000", node.key());
    }
  }

  @Test
  void aDeepChainIsDrawnLineByLine() {
    int depth = 5_000;
    LastLine ascii = render(view(true).render(List.of(chain(depth))), false);
    assertEquals(depth, ascii.lines);
    // the deepest line: 4,998 levels of "   " then "`- " and the name
    assertEquals(" ".repeat(3 * (depth - 2)) + "`- deepest", ascii.last);
    LastLine unicode = render(view(true).render(List.of(chain(depth))), true);
    assertEquals(" ".repeat(3 * (depth - 2)) + "└─ deepest", unicode.last);
  }

  @Test
  void thirtyThousandIdenticalSiblingsCompactToOneLine() {
    List<ProcessNode> kids = new ArrayList<>();
    for (int pid = 2; pid <= 30_001; pid++) {
      kids.add(new ProcessNode(p(pid, "sleep"), List.of(), List.of()));
    }
    ProcessNode root = new ProcessNode(p(1, "init"), kids, List.of());
    StringWriter text = new StringWriter();
    new Output(new PrintWriter(text), new PrintWriter(new StringWriter()), RenderSettings.plain())
        .trees(view(true).render(List.of(root)));
    assertEquals("init\n└─ 30000*[sleep]\n", text.toString().replace(System.lineSeparator(), "\n"));
    LastLine all = render(view(false).render(List.of(root)), false);
    assertEquals(30_001, all.lines);
    assertTrue(all.last.startsWith("`- sleep"), all.last);
  }
}
