package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.host.Host;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.server.Runner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm server's runs: host sources of their own, built per run. */
class ServedCommandsTest {
  @Test
  void eachServedRunGetsItsOwnHostAndNetlinkReader() {
    ServedCommands served = new ServedCommands();
    Host a = served.host();
    Host b = served.host();
    assertNotSame(a, b);
    assertNotSame(a.tcpDiag(), b.tcpDiag(), "concurrent runs share no netlink buffers");
    assertEquals(Path.of("/proc"), a.proc(), "the live machine");
  }

  @Test
  void aServedRunsTerminalIsTheClientsStdoutAndStderrAsItsRequestSays() {
    Map<String, String> env = Map.of("COLUMNS", "40");
    TerminalInfo both = ServedCommands.terminal(call(true, true, env));
    assertTrue(both.interactive());
    assertTrue(both.stderrTerminal(), "progress lines are drawn for this client");
    assertEquals(40, both.width());
    TerminalInfo redirected = ServedCommands.terminal(call(true, false, env));
    assertTrue(redirected.interactive());
    assertFalse(redirected.stderrTerminal(), "stderr redirected: no progress");
    TerminalInfo piped = ServedCommands.terminal(call(false, true, env));
    assertFalse(piped.interactive());
    assertTrue(piped.stderrTerminal(), "stdout piped, stderr still a terminal");
  }

  private static Runner.Call call(boolean stdout, boolean stderr, Map<String, String> env) {
    return new Runner.Call(
        List.of("ps"),
        Path.of("/"),
        1,
        stdout,
        stderr,
        env,
        InputStream.nullInputStream(),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }
}
