package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code proc}: a process under {@code ulimit -n 64} holding 60 descriptors is flagged. */
class DescriptorHeadroomLiveTest {
  @Test
  void aProcessNearItsDescriptorLimitIsFlagged() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/limits")), "no /proc/PID/limits: not Linux");
    String script =
        "import os,resource,sys\n"
            + "resource.setrlimit(resource.RLIMIT_NOFILE,(64,64))\n"
            + "held=[os.open('/dev/null',os.O_RDONLY) for _ in range(60-len(os.listdir('/proc/self/fd'))+1)]\n"
            + "print(len(os.listdir('/proc/self/fd'))-1, flush=True); sys.stdin.readline()\n";
    Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int open = Integer.parseInt(r.readLine().trim()); // listdir's own descriptor not counted
      assertEquals(60, open);
      Result json = stackscope("proc", "" + p.pid(), "--json");
      assertEquals(0, json.exitCode(), json.toString());
      JsonNode d = json.json().get("descriptors");
      assertEquals(60, d.get("open").asInt(), d.toString());
      assertEquals(64, d.get("softLimit").asLong());
      assertEquals(64, d.get("hardLimit").asLong());
      assertEquals(93, d.get("percent").asInt());
      assertTrue(d.get("nearLimit").asBoolean());
      Result text = stackscope("proc", "" + p.pid());
      assertTrue(
          text.out().lines().anyMatch(l -> l.contains("60 of 64 allowed (93 %), near the limit")),
          text.out());
    } finally {
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Result self = stackscope("proc", "" + ProcessHandle.current().pid(), "--json");
    JsonNode mine = self.json().get("descriptors");
    assertTrue(mine.get("open").asInt() > 3, mine.toString());
    assertEquals(
        !mine.get("percent").isNull() && mine.get("percent").asInt() >= 80,
        mine.get("nearLimit").asBoolean(),
        "flagged from 80 % of the soft limit: " + mine);
  }
}
