package dev.stackscope.cli.url;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --get batch runs on every core ({@link ParallelGet}) but answers in input order: many blocks of
 * records, failures among them, each failure named on stderr in order, with -0 one line per record.
 */
class UrlBatchOrderTest {
  @Test
  void outputKeepsInputOrderAcrossBlocks(@TempDir Path dir) throws Exception {
    assertTrue(ParallelGet.workers() >= 1);
    List<String> lines = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      if (i % 997 == 0) {
        lines.add("not a url " + i);
        hosts.add("");
        failures.add("stackscope: invalid URL \"not a url " + i + "\": missing scheme");
      } else {
        lines.add("https://h" + i + ".example:" + (1000 + i % 9000) + "/p?q=" + i + "#f");
        hosts.add("h" + i + ".example:" + (1000 + i % 9000));
      }
    }
    Path file = dir.resolve("urls.txt");
    Files.write(file, lines);
    Result r = stackscope("url", "--get", "{host}", "--url-file", file.toString());
    assertEquals(1, r.exitCode());
    assertEquals(hosts.stream().filter(h -> !h.isEmpty()).toList(), r.out().lines().toList());
    assertEquals(failures, r.err().lines().toList());

    Path nul = dir.resolve("urls.bin");
    Files.writeString(nul, String.join("\0", lines) + "\0");
    Result aligned = stackscope("url", "-0", "--get", "{host}", "--url-file", nul.toString());
    assertEquals(hosts, aligned.out().lines().toList());
  }
}
