package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.process.ProcfsParser;
import dev.stackscope.process.Signals;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live tests on processes the test starts. */
class ProcCommandTest {
  @BeforeAll
  static void linux() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
  }

  @Test
  void decodesTrappedAndIgnoredSignals() throws Exception {
    try (Spawned s = Spawned.shell("trap '' HUP; trap 'exit 3' INT; sleep 1000 & wait")) {
      s.awaitChildren(1);
      Path status = Path.of("/proc/" + s.pid() + "/status");
      Spawned.await(
          () -> {
            try {
              return Signals.decode(ProcfsParser.parseStatus(Files.readString(status)).sigCgt())
                  .contains("INT");
            } catch (java.io.IOException e) {
              return false;
            }
          },
          "the shell's INT trap");
      Result r = stackscope("proc", String.valueOf(s.pid()));
      assertEquals(0, r.exitCode(), r::toString);
      String handles = line(r.out(), "handles");
      String ignores = line(r.out(), "ignores");
      assertTrue(handles.matches(".*\\bINT\\b.*"), handles);
      assertFalse(handles.matches(".*\\bHUP\\b.*"), handles);
      assertTrue(ignores.matches(".*\\bHUP\\b.*"), ignores);
      Result j = stackscope("proc", "--json", String.valueOf(s.pid()));
      List<String> caught = new ArrayList<>();
      j.json().at("/signals/caught").forEach(n -> caught.add(n.asText()));
      assertTrue(caught.contains("INT"), j::toString);
    }
  }

  @Test
  void describesStdinStdoutAndStderr() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("sleep", "1001")
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try (Spawned s = Spawned.start(pb)) {
      Result r = stackscope("proc", "--json", String.valueOf(s.pid()));
      assertEquals(0, r.exitCode(), r::toString);
      JsonNode fds = r.json().get("fds");
      assertEquals("/dev/null", fds.get("stdin").asText(), r::toString);
      assertTrue(fds.get("stdout").asText().matches("pipe:\\[\\d+\\]"), r::toString);
      assertEquals("/dev/null", fds.get("stderr").asText(), r::toString);
      Result t = stackscope("proc", String.valueOf(s.pid()));
      assertTrue(line(t.out(), "stdout").matches("\\s*stdout\\s+pipe:\\[\\d+\\]"), t::toString);
      assertTrue(line(t.out(), "command").matches("\\s*command\\s+sleep 1001"), t::toString);
    }
  }

  @Test
  void masksSecretsUnlessRevealed() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("sleep", "1002").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    env.put("DB_PASSWORD", "hunter2");
    env.put("DATABASE_URL", "postgres://app:s3cret@db.internal/app");
    env.put("GREETING", "visible-value");
    try (Spawned s = Spawned.start(pb)) {
      String pid = String.valueOf(s.pid());
      Result counted = stackscope("proc", pid);
      assertTrue(line(counted.out(), "variables").contains("masked"), counted::toString);
      assertFalse(counted.out().contains("visible-value"), "values only with --env");

      Result r = stackscope("proc", "--env", pid);
      assertEquals(0, r.exitCode(), r::toString);
      assertFalse(r.out().contains("hunter2"), r::toString);
      assertFalse(r.out().contains("s3cret"), r::toString);
      assertTrue(line(r.out(), "DB_PASSWORD").endsWith("•••"), r::toString);
      assertTrue(
          line(r.out(), "DATABASE_URL").endsWith("postgres://app:•••@db.internal/app"),
          r::toString);
      assertTrue(line(r.out(), "GREETING").endsWith("visible-value"), r::toString);

      Result json = stackscope("proc", "--json", pid);
      assertEquals("•••", json.json().at("/env/DB_PASSWORD").asText(), json::toString);
      assertFalse(json.out().contains("hunter2"), json::toString);

      Result revealed = stackscope("proc", "--env", "--reveal", pid);
      assertTrue(line(revealed.out(), "DB_PASSWORD").endsWith("hunter2"), revealed::toString);
      assertTrue(
          revealed.out().contains("postgres://app:s3cret@db.internal/app"), revealed::toString);
    }
  }

  @Test
  void ancestryLeadsThroughThisJvm() throws Exception {
    try (Spawned s = Spawned.shell("sleep 1003 & wait")) {
      int child = s.awaitChildren(1).get(0);
      Result r = stackscope("proc", "--json", String.valueOf(child));
      String self = String.valueOf(ProcessHandle.current().pid());
      List<String> ancestors = new ArrayList<>();
      r.json().get("ancestors").forEach(a -> ancestors.add(a.get("pid").asText()));
      int shellAt = ancestors.indexOf(String.valueOf(s.pid()));
      int selfAt = ancestors.indexOf(self);
      assertTrue(shellAt >= 0 && selfAt > shellAt, r::toString);
      assertEquals(s.pid(), r.json().get("ppid").asInt(), r::toString);
      Result t = stackscope("proc", String.valueOf(child));
      assertTrue(
          line(t.out(), "ancestry").contains("sleep(" + child + ") ← sh(" + s.pid() + ")"),
          t::toString);
    }
  }

  @Test
  void badInput() {
    assertEquals(2, stackscope("proc", "abc").exitCode());
    assertEquals(2, stackscope("proc", "0").exitCode());
    assertEquals(2, stackscope("proc", "-3").exitCode());
    assertEquals(2, stackscope("proc").exitCode());
    Result gone = stackscope("proc", "4194305");
    assertEquals(1, gone.exitCode());
    assertEquals("stackscope: no process with PID 4194305\n", gone.err());
  }

  /** The first line of the detail view whose key is {@code key}. */
  static String line(String out, String key) {
    for (String l : out.split("\n")) {
      if (l.trim().startsWith(key + " ")) {
        return l;
      }
    }
    throw new AssertionError("no line '" + key + "' in:\n" + out);
  }
}
