package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PsCommandTest {
  @Test
  void findsASpawnedProcessWithItsParentUserAndCommand() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    try (Spawned s = Spawned.shell("sleep 876543 & wait")) {
      int child = s.awaitChildren(1).get(0);
      Result r = stackscope("ps", "--interval", "0", "--match", "^sleep 876543$", "--json");
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(r.out().contains("\"pid\" : " + child + ","), r::toString);
      assertTrue(r.out().contains("\"ppid\" : " + s.pid() + ","), r::toString);
      assertTrue(r.out().contains("\"user\" : \"" + System.getProperty("user.name") + "\""), r::toString);
      assertTrue(r.out().contains("\"name\" : \"sleep\""), r::toString);
      assertEquals(1, r.out().split("\"pid\"").length - 1, "only the sleeper matches: " + r);

      Result text = stackscope("ps", "--match", "^sleep 876543$");
      String[] lines = text.out().split("\n");
      assertEquals(2, lines.length, text::toString);
      assertTrue(lines[0].matches("\\s*PID\\s+PPID\\s+USER\\s+STATE\\s+%CPU\\s+RSS\\s+THREADS\\s+START\\s+COMMAND"), lines[0]);
      assertTrue(lines[1].trim().startsWith(child + "  "), lines[1]);
      assertTrue(lines[1].endsWith("sleep 876543"), lines[1]);
    }
  }

  @Test
  void sortsAndLimits() {
    Result r = stackscope("ps", "--interval", "0", "--sort", "mem", "--top", "5");
    assertEquals(0, r.exitCode(), r::toString);
    String[] lines = r.out().split("\n");
    assertEquals(6, lines.length, r::toString);
    Result j = stackscope("ps", "--interval", "0", "--sort", "pid", "--json");
    List<Integer> pids = new ArrayList<>();
    for (String line : j.out().split("\n")) {
      String t = line.trim();
      if (t.startsWith("\"pid\" : ")) {
        pids.add(Integer.parseInt(t.substring(8, t.length() - 1)));
      }
    }
    assertTrue(pids.size() > 3, j::toString);
    List<Integer> sorted = new ArrayList<>(pids);
    sorted.sort(null);
    assertEquals(sorted, pids);
  }

  @Test
  void onlyTheUsersProcesses() {
    String me = System.getProperty("user.name");
    Result r = stackscope("ps", "--interval", "0", "--user", me);
    String[] lines = r.out().split("\n");
    assertTrue(lines.length > 1, r::toString);
    for (int i = 1; i < lines.length; i++) {
      assertEquals(me, lines[i].trim().split("\\s+")[2], lines[i]);
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
