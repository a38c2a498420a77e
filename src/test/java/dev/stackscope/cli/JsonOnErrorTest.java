package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.TerminalInfo;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Exit codes are decided before the text/JSON branch, and with --json every run prints exactly one
 * document: the command's result, or {@code {"error": {"message", "exitCode"}}} when it ends with
 * an error instead (README, "JSON conventions").
 */
class JsonOnErrorTest {
  /** A pattern that matches no process, not even the test JVM's own command line. */
  private static final String NO_MATCH = "no-such-process-[x]yz";

  /** Runs {@code args} with and without --json: same exit code; JSON gives the error document. */
  private static Map<?, ?> failsTheSameWithJson(int expectedCode, String... args) {
    Result text = stackscope(args);
    assertEquals(expectedCode, text.exitCode(), text::toString);
    assertEquals("", text.out(), text::toString);
    assertEquals(1, text.err().lines().count(), text::toString);
    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.add("--json");
    Result json = stackscope(withJson.toArray(String[]::new));
    assertEquals(expectedCode, json.exitCode(), json::toString);
    assertEquals(text.err(), json.err(), "the same one-line message on stderr");
    Map<String, Object> doc = JsonValue.object(json.out());
    assertEquals(List.of("error"), List.copyOf(doc.keySet()), json::toString);
    Map<?, ?> error = (Map<?, ?>) doc.get("error");
    assertEquals((long) expectedCode, error.get("exitCode"), json::toString);
    assertEquals(text.err().strip(), "stackscope: " + error.get("message"), json::toString);
    return error;
  }

  @Test
  void psThatSelectsNothingFails() {
    assertEquals(
        "no process matches " + NO_MATCH,
        failsTheSameWithJson(1, "ps", "--match", NO_MATCH).get("message"));
    assertEquals(
        "no processes of user 'nosuchuser'",
        failsTheSameWithJson(1, "ps", "--user", "nosuchuser").get("message"));
  }

  @Test
  void treeThatMatchesNothingFailsWithOrWithoutJson() {
    assertEquals(
        "no process matches " + NO_MATCH,
        failsTheSameWithJson(1, "tree", "--match", NO_MATCH).get("message"));
  }

  @Test
  void treeJsonIsAnArrayEvenForOnePid() throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
    try {
      String pid = Long.toString(sh.pid());
      Result one = stackscope("tree", "--json", pid);
      assertEquals(0, one.exitCode(), one::toString);
      List<?> trees = (List<?>) JsonValue.parse(one.out());
      assertEquals(1, trees.size(), one::toString);
      assertEquals(sh.pid(), ((Map<?, ?>) trees.get(0)).get("pid"), one::toString);
    } finally {
      sh.descendants().forEach(ProcessHandle::destroy);
      sh.destroy();
    }
  }

  @Test
  void procAndSignalOfAMissingProcessPrintTheErrorDocument() {
    assertEquals(
        "no process with PID 99999999", failsTheSameWithJson(1, "proc", "99999999").get("message"));
    assertEquals(
        "no process with PID 99999999",
        failsTheSameWithJson(1, "signal", "99999999", "0").get("message"));
  }

  @Test
  void usageErrorsPrintTheErrorDocumentToo() {
    Map<?, ?> error = failsTheSameWithJson(2, "proc", "not-a-pid");
    assertTrue(((String) error.get("message")).contains("not-a-pid"), error::toString);
  }

  @Test
  void natWithASilentStunServerPrintsTheErrorDocument() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String server = "127.0.0.1:" + silent.getLocalPort();
      Map<?, ?> error = failsTheSameWithJson(1, "nat", "--stun", server, "--timeout", "0.3");
      assertTrue(((String) error.get("message")).contains(server), error::toString);
    }
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorWithItsOwnCode() {
    for (boolean json : new boolean[] {false, true}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] args =
          json
              ? new String[] {"--json", "completion", "bash"}
              : new String[] {"completion", "bash"};
      CommandLine cl =
          Cli.create(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              TerminalInfo.pipe(Map.of()),
              args);
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      int code =
          new ErrorHandler(new PrintWriter(err, true), false)
              .handleExecutionException(new IllegalStateException("boom"), cl, parsed);
      assertEquals(70, code);
      assertEquals(ExitCode.INTERNAL.code(), code);
      assertEquals(
          "stackscope: internal error: IllegalStateException: boom (run with --debug for details)\n",
          err.toString());
      if (json) {
        Map<?, ?> error = (Map<?, ?>) JsonValue.object(out.toString()).get("error");
        assertEquals(70L, error.get("exitCode"));
      } else {
        assertEquals("", out.toString());
      }
    }
  }
}
