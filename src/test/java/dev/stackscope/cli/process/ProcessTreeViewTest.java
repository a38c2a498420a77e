package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.TreeNode;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessNode;
import dev.stackscope.process.ProcessThread;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTreeViewTest {
  static ProcessInfo p(int pid, String name, String user, String... argv) {
    return new ProcessInfo(
        pid,
        1,
        100 + pid,
        pid,
        0,
        name,
        "S",
        List.of(argv),
        null,
        0,
        0,
        0,
        0,
        user,
        null,
        1,
        0,
        0,
        0,
        0,
        false);
  }

  static ProcessNode n(ProcessInfo p, ProcessNode... kids) {
    return new ProcessNode(p, List.of(kids), List.of());
  }

  static String render(ProcessTreeView view, ProcessNode root) {
    StringWriter sw = new StringWriter();
    Output out =
        new Output(
            new PrintWriter(sw), new PrintWriter(new StringWriter()), RenderSettings.plain());
    out.trees(view.render(List.of(root)));
    return sw.toString();
  }

  static ProcessTreeView view(
      boolean pids, boolean pgids, boolean users, boolean args, boolean compact) {
    return new ProcessTreeView(pids, pgids, users, args, compact, Set.of(), Map.of(), false);
  }

  // nginx master with four workers (same name), one of which has a helper child
  static final ProcessNode NGINX =
      n(
          p(10, "nginx", "root", "nginx: master"),
          n(p(11, "nginx", "www", "nginx: worker")),
          n(p(12, "nginx", "www", "nginx: worker")),
          n(p(13, "nginx", "www", "nginx: worker"), n(p(20, "helper", "www"))),
          n(p(14, "nginx", "www", "nginx: worker")));

  @Test
  void nodesAreKeyedByThePidsTheyShowForLiveViews() {
    List<TreeNode> roots = view(false, false, false, false, true).render(List.of(NGINX));
    TreeNode master = roots.get(0);
    assertEquals("10", master.key());
    assertEquals(
        List.of("11,12", "13", "14"), master.children().stream().map(TreeNode::key).toList());
    assertEquals("20", master.children().get(1).children().get(0).key());
  }

  @Test
  void compactsOnlyAdjacentIdenticalSubtrees() {
    assertEquals(
        "nginx\n├─ 2*[nginx]\n├─ nginx\n│  └─ helper\n└─ nginx\n",
        render(view(false, false, false, false, true), NGINX));
  }

  @Test
  void userTransitionsPidsAndPgids() {
    assertEquals(
        "nginx(10,110,root)\n├─ nginx(11,111,www)\n├─ nginx(12,112,www)\n├─ nginx(13,113,www)\n"
            + "│  └─ helper(20,120)\n└─ nginx(14,114,www)\n",
        render(view(true, true, true, false, false), NGINX));
  }

  @Test
  void argumentsUsePstreeCommas() {
    ProcessNode root =
        n(p(1, "sh", "root", "sh", "-c", "x y"), n(p(2, "sleep", "root", "sleep", "5")));
    assertEquals(
        "sh,1 -c x y\n└─ sleep,2 5\n", render(view(true, false, false, true, false), root));
  }

  @Test
  void threadsAreCompactedToo() {
    ProcessNode java =
        new ProcessNode(
            p(5, "java", "root"),
            List.of(),
            List.of(
                new ProcessThread(6, "GC"),
                new ProcessThread(7, "GC"),
                new ProcessThread(8, "main")));
    assertEquals(
        "java\n├─ 2*[{GC}]\n└─ {main}\n", render(view(false, false, false, false, true), java));
    assertEquals(
        "java(5)\n├─ {GC}(6)\n├─ {GC}(7)\n└─ {main}(8)\n",
        render(view(true, false, false, false, false), java));
  }

  @Test
  void annotationsFollowTheLabelAndKeepSubtreesApart() {
    ProcessTreeView v =
        new ProcessTreeView(false, false, false, false, true, Set.of(), Map.of(11, "[:80]"), false);
    assertEquals(
        "nginx\n├─ nginx [:80]\n├─ nginx\n├─ nginx\n│  └─ helper\n└─ nginx\n", render(v, NGINX));
  }
}
