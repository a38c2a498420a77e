package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one launcher of the Python {@code ipaddress} oracles: writes the cases and the script to a
 * directory, runs {@code python3 SCRIPT CASES} once, and returns its answer lines (one per case). A
 * test without python3 is skipped with a message.
 */
final class PythonPeer {
  private PythonPeer() {}

  /** Python's answer to each line of {@code cases}, the script reading the file named argv[1]. */
  static List<String> answers(Path dir, String script, List<String> cases) throws Exception {
    assumeTrue(
        PythonIpaddressOracleTest.onPath("python3"),
        "python3 absent: the ipaddress peer cannot run");
    Path in = dir.resolve("cases.txt");
    Files.write(in, cases);
    Path peer = dir.resolve("peer.py");
    Files.writeString(peer, script);
    Process p =
        new ProcessBuilder("python3", peer.toString(), in.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> answers =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 finished");
    assertEquals(0, p.exitValue(), "python3's exit status");
    assertEquals(cases.size(), answers.size(), "python answered every case");
    return answers;
  }
}
