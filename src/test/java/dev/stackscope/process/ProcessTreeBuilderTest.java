package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProcessTreeBuilderTest {
  static ProcessInfo p(int pid, int ppid, String name, String user, String... argv) {
    return new ProcessInfo(
        pid,
        ppid,
        pid,
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

  // 1 init ─┬─ 10 sshd ── 11 sshd(alice) ── 12 bash(alice) ─┬─ 14 vim notes.txt
  //         │                                               └─ 13 make ── 15 cc main.c
  //         └─ 20 cron
  static final List<ProcessInfo> SNAPSHOT =
      List.of(
          p(1, 0, "init", "root", "/sbin/init"),
          p(10, 1, "sshd", "root", "sshd"),
          p(11, 10, "sshd", "alice", "sshd: alice"),
          p(12, 11, "bash", "alice", "-bash"),
          p(13, 12, "make", "alice", "make", "all"),
          p(14, 12, "vim", "alice", "vim", "notes.txt"),
          p(15, 13, "cc", "alice", "cc", "main.c"),
          p(20, 1, "cron", "root", "cron"));

  static ProcessTreeRequest request(
      int root, String user, String match, boolean parents, boolean byPid) {
    return new ProcessTreeRequest(
        root,
        user,
        match == null ? null : Pattern.compile(match),
        parents,
        byPid,
        false,
        ProcessFields.ALL,
        0);
  }

  /** The tree as nested text: name(pid)[children]. */
  static String shape(List<ProcessNode> forest) {
    List<String> parts = new ArrayList<>();
    for (ProcessNode n : forest) {
      String kids = n.children().isEmpty() ? "" : "[" + shape(n.children()) + "]";
      parts.add(n.process().name() + n.process().pid() + kids);
    }
    return String.join(" ", parts);
  }

  List<ProcessNode> build(ProcessTreeRequest r) {
    return new ProcessTreeBuilder(SNAPSHOT).build(r, pid -> List.of());
  }

  @Test
  void wholeTreeSortedByNameOrPid() {
    assertEquals(
        "init1[cron20 sshd10[sshd11[bash12[make13[cc15] vim14]]]]",
        shape(build(request(0, null, null, false, false))));
    assertEquals(
        "init1[sshd10[sshd11[bash12[make13[cc15] vim14]]] cron20]",
        shape(build(request(0, null, null, false, true))));
  }

  @Test
  void threadsAreNotAskedForUnlessRequested() {
    ProcessTreeBuilder builder = new ProcessTreeBuilder(SNAPSHOT);
    // no thread source is needed (null) when the request does not ask for threads
    assertEquals(
        "init1[sshd10[sshd11[bash12[make13[cc15]]]]]",
        shape(builder.build(request(13, null, null, true, false), null)));
    ProcessTreeRequest withThreads =
        new ProcessTreeRequest(13, null, null, true, false, true, ProcessFields.ALL, 0);
    List<ProcessNode> forest =
        builder.build(
            withThreads,
            pid -> List.of(new ProcessThread(pid, "main"), new ProcessThread(900 + pid, "worker")));
    ProcessNode init = forest.get(0);
    ProcessNode make = init.children().get(0).children().get(0).children().get(0).children().get(0);
    assertEquals(13, make.process().pid());
    assertEquals(List.of(new ProcessThread(913, "worker")), make.threads());
  }

  @Test
  void subtreeWithAndWithoutParents() {
    assertEquals("make13[cc15]", shape(build(request(13, null, null, false, false))));
    assertEquals(
        "init1[sshd10[sshd11[bash12[make13[cc15]]]]]",
        shape(build(request(13, null, null, true, false))));
    assertThrows(NoSuchProcessException.class, () -> build(request(99, null, null, false, false)));
  }

  @Test
  void userTreesStartWhereTheParentBelongsToSomeoneElse() {
    assertEquals(
        "sshd11[bash12[make13[cc15] vim14]]",
        shape(build(request(0, "alice", null, false, false))));
    assertEquals("", shape(build(request(0, "bob", null, false, false))));
  }

  @Test
  void matchKeepsAncestorsAndDescendants() {
    assertEquals(
        "init1[sshd10[sshd11[bash12[make13[cc15]]]]]",
        shape(build(request(0, null, "^make all$", false, false))));
    assertEquals("init1[cron20]", shape(build(request(0, null, "cron", false, false))));
    assertEquals("", shape(build(request(0, null, "nothing-matches", false, false))));
  }

  @Test
  void ancestorsNearestFirstAndCyclesEnd() {
    ProcessTreeBuilder b = new ProcessTreeBuilder(SNAPSHOT);
    assertEquals(
        List.of(13, 12, 11, 10, 1),
        b.ancestors(15).stream().map(ProcessInfo::pid).toList().subList(0, 5));
    // a corrupt snapshot where two processes are each other's parent must not loop
    ProcessTreeBuilder cyclic =
        new ProcessTreeBuilder(List.of(p(5, 6, "a", "root"), p(6, 5, "b", "root")));
    List<Integer> chain = cyclic.ancestors(5).stream().map(ProcessInfo::pid).toList();
    assertEquals(6, chain.get(0));
    assertEquals(true, chain.size() <= 2, "stopped at the cycle: " + chain);
  }

  @Test
  void withoutPid1EveryParentlessProcessIsARoot() {
    List<ProcessInfo> container =
        List.of(p(7, 0, "tini", "root"), p(8, 7, "app", "root"), p(30, 29, "orphan", "root"));
    assertEquals(
        "orphan30 tini7[app8]",
        shape(
            new ProcessTreeBuilder(container)
                .build(request(0, null, null, false, false), x -> List.of())));
  }
}
