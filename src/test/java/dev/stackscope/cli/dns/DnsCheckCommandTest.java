package dev.stackscope.cli.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.dns.check.ZoneChecker;
import dev.stackscope.output.ProgressLine;
import dev.stackscope.testing.CliRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code dns check}'s command line: usage errors before any query, and the progress line. */
class DnsCheckCommandTest {
  private static void usage(String expected, String... args) {
    CliRunner.Result r = CliRunner.stackscope(args);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(expected), r.toString());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("stackscope:")).count(), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void badInputIsAUsageErrorNamingIt() {
    usage("--timeout", "dns", "check", "example.test", "--timeout", "0");
    usage("bad address 'nowhere'", "dns", "check", "example.test", "--server", "nowhere");
    usage(
        "alternatives",
        "dns",
        "check",
        "example.test",
        "--server",
        "127.0.0.1",
        "--root-hints",
        "/nonexistent");
    usage("example..test", "dns", "check", "example..test", "--server", "127.0.0.1");
    String[] many = new String[4 + 2 * 17];
    many[0] = "dns";
    many[1] = "check";
    many[2] = "example.test";
    many[3] = "--port=5353";
    for (int i = 0; i < 17; i++) {
      many[4 + 2 * i] = "--server";
      many[5 + 2 * i] = "127.0.0." + (i + 1);
    }
    usage("at most 16", many);
  }

  @Test
  void missingRootHintsFileIsAUsageError() {
    CliRunner.Result r =
        CliRunner.stackscope("dns", "check", "example.test", "--root-hints", "/nonexistent/hints");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("/nonexistent/hints"), r.toString());
  }

  @Test
  void progressRedrawsOneLineAndErasesIt() {
    StringWriter err = new StringWriter();
    long[] now = {0};
    try (CheckProgress p =
        new CheckProgress(ProgressLine.manual(new PrintWriter(err), 80, () -> now[0]))) {
      p.update(ZoneChecker.Stage.DELEGATION, 0, 1);
      now[0] = ProgressLine.DELAY.toNanos();
      p.update(ZoneChecker.Stage.PROBES, 3, 8);
    }
    String s = err.toString();
    assertEquals("\rdns check: checking server addresses: 3 of 8\033[K\r\033[K", s);
  }

  @Test
  void noProgressWhenNotOnATerminal() {
    // the in-process runner's stderr is a StringWriter and its stdout is not a terminal
    CliRunner.Result r =
        CliRunner.stackscope(
            "dns",
            "check",
            "example.test",
            "--server",
            "127.0.0.1",
            "--port",
            "9",
            "--timeout",
            "50ms");
    assertTrue(!r.err().contains("dns check:"), r.toString());
    assertEquals(3, r.exitCode(), "no parent server replied: nothing could be asked\n" + r);
  }
}
