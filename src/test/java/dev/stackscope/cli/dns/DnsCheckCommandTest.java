package dev.stackscope.cli.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.dns.check.ZoneChecker;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.testing.CliRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
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
    try (CheckProgress p = new CheckProgress(new PrintWriter(err))) {
      p.update(ZoneChecker.Stage.DELEGATION, 0, 1);
      p.update(ZoneChecker.Stage.PROBES, 3, 8);
    }
    String s = err.toString();
    assertTrue(s.contains("checking server addresses: 3/8"), s);
    assertTrue(s.endsWith("\r\033[K"), "the line is erased at the end: " + s);
    assertTrue(!s.contains("\n"), "one line, redrawn in place: " + s);
  }

  @Test
  void progressOnlyWhenStdoutAndStderrAreTerminals() {
    Output out =
        new Output(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain());
    Map<String, String> env = Map.of();
    assertNotNull(CheckProgress.forRun(out, new TerminalInfo(true, true, env)));
    assertNull(CheckProgress.forRun(out, new TerminalInfo(true, false, env)), "stderr redirected");
    assertNull(CheckProgress.forRun(out, new TerminalInfo(false, true, env)), "stdout piped");
    assertNull(
        CheckProgress.forRun(out, new TerminalInfo(true, env)), "a served run: stderr unknown");
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
