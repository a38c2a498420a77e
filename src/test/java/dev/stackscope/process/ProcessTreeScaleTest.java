package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trees at the sizes of issue 14 (30,000 processes), in both extreme shapes: a wide tree and one
 * chain as deep as there are processes (no recursion deep enough to overflow a thread's stack).
 */
class ProcessTreeScaleTest {
  static final int N = 30_000;

  static ProcessInfo p(int pid, int ppid, String name) {
    return ProcessTreeBuilderTest.p(pid, ppid, name, "root", name);
  }

  /** PID 1, then PIDs 2..n each the child of the one before. */
  static List<ProcessInfo> chain(int n) {
    List<ProcessInfo> all = new ArrayList<>(n);
    all.add(p(1, 0, "init"));
    for (int pid = 2; pid <= n; pid++) {
      all.add(p(pid, pid - 1, pid == n ? "deepest" : "link"));
    }
    return all;
  }

  static ProcessTreeRequest request(int root, String match) {
    return ProcessTreeBuilderTest.request(root, null, match, false, true);
  }

  /** Node count and greatest depth (the root at 1), walked without recursion. */
  static int[] countAndDepth(List<ProcessNode> forest) {
    ArrayDeque<ProcessNode> nodes = new ArrayDeque<>(forest);
    ArrayDeque<Integer> depths = new ArrayDeque<>();
    for (int i = 0; i < forest.size(); i++) {
      depths.push(1);
    }
    int count = 0;
    int deepest = 0;
    while (!nodes.isEmpty()) {
      ProcessNode n = nodes.pop();
      int d = depths.pop();
      count++;
      deepest = Math.max(deepest, d);
      for (ProcessNode c : n.children()) {
        nodes.push(c);
        depths.push(d + 1);
      }
    }
    return new int[] {count, deepest};
  }

  @Test
  void aChainAsDeepAsThereAreProcessesIsBuiltWhole() {
    List<ProcessNode> forest = new ProcessTreeBuilder(chain(N)).build(request(0, null), null);
    assertEquals(1, forest.size());
    int[] cd = countAndDepth(forest);
    assertEquals(N, cd[0]);
    assertEquals(N, cd[1]);
  }

  @Test
  void aMatchAtTheBottomOfADeepChainKeepsEveryAncestor() {
    List<ProcessNode> forest =
        new ProcessTreeBuilder(chain(N)).build(request(0, "^deepest$"), null);
    assertEquals(N, countAndDepth(forest)[0]);
  }

  @Test
  void aMatchAtTheTopOfADeepChainKeepsEveryDescendant() {
    List<ProcessNode> forest = new ProcessTreeBuilder(chain(N)).build(request(0, "^init$"), null);
    assertEquals(N, countAndDepth(forest)[0]);
  }

  @Test
  void aWideTreeOfThirtyThousandProcesses() {
    List<ProcessInfo> all = new ArrayList<>(N);
    all.add(p(1, 0, "init"));
    for (int pid = 2; pid <= N; pid++) {
      all.add(p(pid, 1 + (pid - 2) / 30, "worker")); // a complete 30-ary tree
    }
    List<ProcessNode> forest = new ProcessTreeBuilder(all).build(request(0, null), null);
    int[] cd = countAndDepth(forest);
    assertEquals(N, cd[0]);
    assertEquals(5, cd[1]); // 1 + 30 + 900 + 27,000 + 2,069
    assertEquals(30, forest.get(0).children().size());
  }

  @Test
  void aParentLoopInAnInconsistentSnapshotShowsEachProcessOnce() {
    // 5 and 6 name each other as parent (a snapshot read while PIDs were reused)
    List<ProcessInfo> all = List.of(p(1, 0, "init"), p(5, 6, "a"), p(6, 5, "b"), p(7, 6, "c"));
    List<ProcessNode> forest = new ProcessTreeBuilder(all).build(request(5, null), null);
    assertEquals("a5[b6[c7]]", ProcessTreeBuilderTest.shape(forest));
    assertEquals(
        "a5[b6[c7]]",
        ProcessTreeBuilderTest.shape(new ProcessTreeBuilder(all).build(request(5, "^c$"), null)));
  }

  @Test
  void aMatchKeepsOnlyItsAncestorsAndDescendants() {
    List<ProcessInfo> all = new ArrayList<>(chain(100));
    all.add(p(500, 1, "other"));
    List<ProcessNode> forest = new ProcessTreeBuilder(all).build(request(0, "^deepest$"), null);
    assertEquals(100, countAndDepth(forest)[0]);
  }
}
