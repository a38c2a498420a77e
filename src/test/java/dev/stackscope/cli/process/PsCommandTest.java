package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PsCommandTest {
  /** The name of this JVM's user as the JDK reads it (the uid's number when it has no name). */
  static String me() throws Exception {
    return Files.getOwner(Path.of("/proc/self")).getName();
  }

  @Test
  void findsASpawnedProcessWithItsParentUserAndCommand() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    try (Spawned s = Spawned.shell("sleep 876543 & wait")) {
      int child = s.awaitChildren(1).get(0);
      // The shell's child is a copy of the shell until it has exec'd sleep.
      Path cmdline = Path.of("/proc", String.valueOf(child), "cmdline");
      Spawned.await(
          () -> readOrEmpty(cmdline).equals("sleep\0" + "876543\0"), "the child runs sleep");
      Result r = stackscope("ps", "--interval", "0", "--match", "^sleep 876543$", "--json");
      assertEquals(0, r.exitCode(), r::toString);
      JsonNode found = r.json();
      assertEquals(1, found.size(), "only the sleeper matches: " + r);
      JsonNode sleeper = found.get(0);
      assertEquals(child, sleeper.get("pid").asInt(), r::toString);
      assertEquals(s.pid(), sleeper.get("ppid").asInt(), r::toString);
      assertEquals(me(), sleeper.get("user").asText(), r::toString);
      assertEquals("sleep", sleeper.get("name").asText(), r::toString);

      Result text = stackscope("ps", "--match", "^sleep 876543$");
      List<String> lines = text.lines();
      assertEquals(2, lines.size(), text::toString);
      assertTrue(
          lines
              .get(0)
              .matches(
                  "\\s*PID\\s+PPID\\s+USER\\s+STATE\\s+%CPU\\s+RSS\\s+THREADS\\s+START\\s+COMMAND"),
          lines.get(0));
      String[] fields = lines.get(1).trim().split("\\s+");
      assertEquals(
          List.of(String.valueOf(child), String.valueOf(s.pid()), me()),
          List.of(fields).subList(0, 3),
          lines.get(1));
      assertTrue(lines.get(1).endsWith("sleep 876543"), lines.get(1));
    }
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void sortsAndLimits() throws Exception {
    // Enough processes for the limit to bite, whatever else runs (a PID namespace has a handful).
    try (Spawned s = Spawned.shell("for i in 1 2 3 4 5 6; do sleep 876544 & done; wait")) {
      s.awaitChildren(6);
      Result r = stackscope("ps", "--interval", "0", "--sort", "mem", "--top", "5");
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(6, r.lines().size(), "a header and five processes: " + r);
      Result byMemory =
          stackscope("ps", "--interval", "0", "--sort", "mem", "--top", "5", "--json");
      List<Long> rss = new ArrayList<>();
      byMemory.json().forEach(p -> rss.add(p.get("rss").asLong()));
      assertEquals(5, rss.size(), byMemory::toString);
      List<Long> descending = new ArrayList<>(rss);
      descending.sort(java.util.Comparator.reverseOrder());
      assertEquals(descending, rss, "largest resident set first");

      Result j = stackscope("ps", "--interval", "0", "--sort", "pid", "--json");
      List<Integer> pids = new ArrayList<>();
      j.json().forEach(p -> pids.add(p.get("pid").asInt()));
      assertTrue(pids.size() >= 7, "the shell and its six sleepers at least: " + j);
      List<Integer> sorted = new ArrayList<>(pids);
      sorted.sort(null);
      assertEquals(sorted, pids);
    }
  }

  @Test
  void onlyTheUsersProcesses() throws Exception {
    String me = me();
    Result r = stackscope("ps", "--interval", "0", "--user", me, "--json");
    assertEquals(0, r.exitCode(), r::toString);
    List<Long> pids = new ArrayList<>();
    for (JsonNode p : r.json()) {
      assertEquals(me, p.get("user").asText(), p::toString);
      pids.add(p.get("pid").asLong());
    }
    assertTrue(pids.contains(ProcessHandle.current().pid()), "this JVM is among them: " + r);
    Result text = stackscope("ps", "--interval", "0", "--user", me);
    List<String> lines = text.lines();
    assertTrue(lines.size() > 1, text::toString);
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(me, line.trim().split("\\s+")[2], line);
    }
  }

  @Test
  void badInput() {
    assertEquals(2, stackscope("ps", "--top", "0").exitCode());
    assertEquals(2, stackscope("ps", "--sort", "size").exitCode());
    assertEquals(2, stackscope("ps", "--match", "[").exitCode());
    assertEquals(2, stackscope("ps", "--interval", "-1").exitCode());
  }
}
