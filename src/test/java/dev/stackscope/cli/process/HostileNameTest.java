package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process whose name has parentheses, spaces and a terminal escape: parsed right, shown safe. */
class HostileNameTest {
  @Test
  void nameWithParenthesesAndEscapesIsParsedAndSanitised(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    Path sleep = Path.of("/bin/sleep");
    Assumptions.assumeTrue(Files.isExecutable(sleep), "no /bin/sleep");
    // the kernel's comm is the executable's file name: make one with ') (' and ESC in it
    Path link = Files.createSymbolicLink(dir.resolve("a) b (c\u001b[2J"), sleep);
    try (Spawned s = Spawned.start(new ProcessBuilder(link.toString(), "1009"))) {
      Spawned.await(
          () -> {
            try {
              return Files.readString(Path.of("/proc/" + s.pid() + "/comm")).startsWith("a) b (c");
            } catch (java.io.IOException e) {
              return false;
            }
          },
          "exec of the oddly named link");
      Result tree = stackscope("tree", "-p", String.valueOf(s.pid()));
      assertEquals(0, tree.exitCode(), tree::toString);
      assertEquals("a) b (c\\x1b[2J(" + s.pid() + ")\n", tree.out());
      Result proc = stackscope("proc", String.valueOf(s.pid()));
      assertFalse(proc.out().contains("\u001b"), proc::toString);
      assertTrue(proc.out().startsWith("PID " + s.pid() + "  a) b (c\\x1b[2J\n"), proc::toString);
      Result json = stackscope("proc", "--json", String.valueOf(s.pid()));
      assertFalse(json.out().contains("\u001b"), "escaped in the JSON text: " + json);
      assertEquals("a) b (c\u001B[2J", json.json().get("name").asText(), json::toString);
    }
  }
}
