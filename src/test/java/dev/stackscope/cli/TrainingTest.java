package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CDS training run swallows every failure (it only has to load classes), so a command line that
 * no longer parses would silently train nothing but the usage error's path. Each line is run here
 * and must reach its command.
 */
class TrainingTest {
  @Test
  void everyTrainingLineReachesItsCommandOffline() throws Exception {
    Path hints = Training.hints();
    List<String> names = new ArrayList<>();
    try {
      for (String[] line : Training.lines(hints)) {
        names.add(line[0]);
        CliRunner.Result r = CliRunner.stackscope(line);
        String what = String.join(" ", line) + "\n" + r;
        if (line[0].equals("no-such-command")) {
          assertEquals(2, r.exitCode(), what);
          continue;
        }
        assertTrue(Set.of(0, 1, 3).contains(r.exitCode()), "ran (ok, failed or partial): " + what);
        assertFalse(
            r.err().contains("run with --debug for details"), "no unexpected exception: " + what);
        assertFalse(r.out().isEmpty() && r.exitCode() == 0, "printed its result: " + what);
      }
    } finally {
      Files.deleteIfExists(hints);
    }
    for (String command :
        List.of(
            "tree", "ps", "proc", "ports", "ifaces", "url", "ip", "nat", "stack", "explain",
            "dns")) {
      assertTrue(names.contains(command), "the training run covers " + command + ": " + names);
    }
  }
}
