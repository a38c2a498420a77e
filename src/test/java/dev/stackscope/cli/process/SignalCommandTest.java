package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalCommandTest {
  @Test
  void termEndsASpawnedChild() throws Exception {
    try (Spawned s = Spawned.start(new ProcessBuilder("sleep", "1004"))) {
      String pid = String.valueOf(s.pid());
      Result probe = stackscope("signal", pid, "0");
      assertEquals(0, probe.exitCode(), probe::toString);
      assertTrue(s.process().isAlive(), "signal 0 must not harm");

      Result r = stackscope("signal", pid, "SIGTERM");
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals("sent TERM (15) to PID " + pid + " (sleep)\n", r.out());
      assertTrue(s.process().waitFor(10, TimeUnit.SECONDS), "the child ended");
      assertEquals(128 + 15, s.process().exitValue());

      Result gone = stackscope("signal", pid, "TERM");
      assertEquals(1, gone.exitCode(), gone::toString);
      assertEquals("stackscope: no process with PID " + pid + "\n", gone.err());
    }
  }

  @Test
  void numbersAndNamesInAnyCase() throws Exception {
    try (Spawned s = Spawned.start(new ProcessBuilder("sleep", "1005"))) {
      Result r = stackscope("signal", "--json", String.valueOf(s.pid()), "hup");
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals(1, r.json().get("signal").asInt(), r::toString);
      assertTrue(r.json().get("signal").isInt(), r::toString);
      assertEquals("HUP", r.json().get("signalName").asText(), r::toString);
      assertTrue(s.process().waitFor(10, TimeUnit.SECONDS));
      assertEquals(128 + 1, s.process().exitValue());
    }
  }

  @Test
  void badInput() {
    assertEquals(2, stackscope("signal", "1").exitCode());
    assertEquals(2, stackscope("signal", "x", "TERM").exitCode());
    assertEquals(2, stackscope("signal", "0", "TERM").exitCode());
    assertEquals(2, stackscope("signal", "--", "-1", "TERM").exitCode());
    Result bad = stackscope("signal", "1", "TERMINATE");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().startsWith("stackscope: not a signal: 'TERMINATE'"), bad::toString);
    assertEquals(2, stackscope("signal", "1", "65").exitCode());
  }
}
