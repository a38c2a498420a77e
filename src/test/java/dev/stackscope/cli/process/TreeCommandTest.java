package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live tests on a shell the test spawns, with three sleeping children (two identical). */
class TreeCommandTest {
  static Spawned family;
  static int shell;
  static List<Integer> kids;
  static final int SELF = (int) ProcessHandle.current().pid();

  @BeforeAll
  static void spawn() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    family = Spawned.shell("sleep 987654 & sleep 987654 & sleep 987655 & wait");
    shell = family.pid();
    kids = family.awaitChildren(3);
  }

  @AfterAll
  static void kill() throws Exception {
    if (family != null) {
      family.close();
    }
  }

  @Test
  void compactsIdenticalChildrenByDefault() {
    // without -a the three sleeps look the same, as in pstree
    Result r = stackscope("tree", String.valueOf(shell));
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("sh\n└─ 3*[sleep]\n", r.out(), r::toString); // names only, like pstree
  }

  @Test
  void showsEveryChildWithPidsOrNoCompact() {
    Result r = stackscope("tree", "-c", String.valueOf(shell));
    assertEquals("sh\n├─ sleep\n├─ sleep\n└─ sleep\n", r.out(), r::toString);
    Result p = stackscope("tree", "-p", "--ascii", String.valueOf(shell));
    StringBuilder expected = new StringBuilder("sh(" + shell + ")\n");
    for (int i = 0; i < 3; i++) {
      expected.append(i < 2 ? "|- " : "`- ").append("sleep(").append(kids.get(i)).append(")\n");
    }
    assertEquals(expected.toString(), p.out(), p::toString);
  }

  @Test
  void argumentsAndJson() {
    Result a = stackscope("tree", "-a", String.valueOf(shell));
    assertTrue(a.out().contains("└─ sleep 987655\n"), a::toString);
    assertEquals(2, count(a.out(), "sleep 987654\n"), a::toString);
    Result j = stackscope("tree", "--json", String.valueOf(shell));
    assertEquals(0, j.exitCode(), j::toString);
    JsonNode tree = j.json();
    List<Long> pids = tree.findValues("pid").stream().map(JsonNode::asLong).toList();
    assertTrue(pids.contains((long) shell), j::toString);
    for (int k : kids) {
      assertTrue(pids.contains((long) k), j::toString);
    }
    assertTrue(tree.findValue("children") != null, j::toString);
    assertTrue(
        tree.findValues("command").stream().anyMatch(c -> c.toString().contains("\"987655\"")),
        "the sleeper's argument: " + j);
  }

  @Test
  void parentsShowTheAncestorsUpToTheRoot() {
    Result r = stackscope("tree", "-p", "-s", String.valueOf(kids.get(2)));
    assertEquals(0, r.exitCode(), r::toString);
    List<Integer> pids = pids(r.out());
    List<Integer> expected = new ArrayList<>();
    ProcessHandle h = ProcessHandle.of(kids.get(2)).orElseThrow();
    expected.add((int) h.pid());
    while (h.parent().isPresent()) {
      h = h.parent().get();
      expected.add(0, (int) h.pid());
    }
    assertEquals(expected, pids, r::toString);
    assertTrue(pids.contains(SELF));
  }

  @Test
  void matchKeepsAncestorsAndDescendants() {
    Result r = stackscope("tree", "-p", "-c", "--match", "^sleep 987655$");
    assertEquals(0, r.exitCode(), r::toString);
    List<Integer> pids = pids(r.out());
    assertTrue(pids.contains(kids.get(2)), r::toString);
    assertTrue(pids.contains(shell), r::toString);
    assertTrue(pids.contains(SELF), r::toString);
    assertFalse(pids.contains(kids.get(0)), r::toString);
    assertFalse(pids.contains(kids.get(1)), r::toString);
    // matching the shell keeps all its children
    Result d = stackscope("tree", "-p", "--match", "987654 & sleep 987655");
    assertTrue(pids(d.out()).containsAll(kids), d::toString);
  }

  @Test
  void agreesWithPstree() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/pstree")), "pstree (psmisc) absent");
    Process p = new ProcessBuilder("pstree", "-p", "-T", String.valueOf(SELF)).start();
    String pstree = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Set<Integer> expected = new TreeSet<>(pids(pstree));
    Result r = stackscope("tree", "-p", String.valueOf(SELF));
    Set<Integer> ours = new TreeSet<>(pids(r.out()));
    // pstree and stackscope run at different moments: compare what both saw, minus the peers
    ours.retainAll(expected);
    expected.retainAll(new TreeSet<>(pids(r.out())));
    assertEquals(expected, ours);
    assertTrue(ours.contains(shell) && ours.containsAll(kids), () -> pstree + "\n" + r);
  }

  @Test
  void userTrees() {
    String me = System.getProperty("user.name");
    Result r = stackscope("tree", "-p", me);
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(pids(r.out()).contains(shell), r::toString);
    Result none = stackscope("tree", "nosuchuser_stackscope");
    assertEquals(1, none.exitCode(), none::toString);
  }

  @Test
  void highlightMarksTheProcessAndItsAncestors() {
    Result r =
        stackscope(
            "tree",
            "--color=always",
            "-p",
            "-H",
            String.valueOf(kids.get(0)),
            String.valueOf(shell));
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].contains("\u001b[1msh\u001b[0m"), r::toString);
    assertTrue(lines[1].contains("\u001b[1msleep\u001b[0m"), r::toString);
    assertFalse(lines[2].contains("\u001b[1m"), r::toString);
  }

  @Test
  void widthCutsLinesAndLongKeepsThem() {
    Result cut = stackscope("--width", "20", "tree", "-a", String.valueOf(shell));
    String first = cut.out().split("\n")[0];
    assertEquals("sh -c sleep 987654 …", first);
    Result full = stackscope("--width", "20", "tree", "-a", "-l", String.valueOf(shell));
    assertEquals(
        "sh -c sleep 987654 & sleep 987654 & sleep 987655 & wait", full.out().split("\n")[0]);
  }

  @Test
  void badInput() {
    assertEquals(2, stackscope("tree", "0").exitCode());
    assertEquals(2, stackscope("tree", "-5").exitCode());
    assertEquals(2, stackscope("tree", "12/x").exitCode());
    assertEquals(2, stackscope("tree", "99999999999").exitCode());
    assertEquals(2, stackscope("tree", "--match", "(").exitCode());
    Result gone = stackscope("tree", "4194305");
    assertEquals(1, gone.exitCode(), gone::toString);
    assertEquals("stackscope: no process with PID 4194305\n", gone.err());
    assertEquals(1, stackscope("tree", "-H", "4194305").exitCode());
  }

  static List<Integer> pids(String text) {
    List<Integer> pids = new ArrayList<>();
    Matcher m = Pattern.compile("\\((\\d+)[,)]").matcher(text);
    while (m.find()) {
      pids.add(Integer.parseInt(m.group(1)));
    }
    return pids;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
