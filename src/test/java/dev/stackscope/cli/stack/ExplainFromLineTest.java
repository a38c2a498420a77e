package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.dns.resolvconf.ProcessLookup;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.stack.ExplainerFromProcess.ConnectFrom;
import dev.stackscope.stack.ExplainerFromProcess.FromProcess;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.Explanation.PortSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explain --from's last line: whose namespace each step was made or read in. */
class ExplainFromLineTest {
  private static final Explanation.Target TARGET =
      new Explanation.Target("web:80", null, "web", 80, null, PortSource.EXPLICIT);
  private static final ProcessLookup.Lookup LOOKUP =
      new ProcessLookup.Lookup(
          "web",
          List.of("files", "dns"),
          List.of(),
          dev.stackscope.dns.resolvconf.SearchFrom.FILE,
          null,
          1,
          List.of("127.0.0.1"),
          5,
          2,
          false,
          null,
          ProcessLookup.Pairing.PARALLEL,
          List.of(),
          "files",
          "web",
          List.of("10.0.0.2"),
          0,
          0,
          List.of());

  private static Explanation explanation(boolean connected) {
    ConnectStep connect =
        connected ? new ConnectStep("10.0.0.2", 80, true, 1, null, List.of()) : null;
    return new Explanation(TARGET, Explanation.Resolution.literal("10.0.0.2"), List.of(), connect);
  }

  private static FromProcess own(ProcessLookup.Lookup lookup, NetworkNamespace netns) {
    return new FromProcess(
        42, true, netns, lookup, List.of(), ConnectFrom.PROCESS, ConnectFrom.PROCESS);
  }

  @Test
  void whatWasMadeInItsNamespaceAndWhatWasReadThere() {
    NetworkNamespace web = new NetworkNamespace(4026532871L, "web-1");
    String steps = "the address steps show its addresses, listeners and routes";
    assertEquals(
        "PID 42 has a network namespace of its own (web-1): " + steps,
        ExplainView.fromLine(explanation(false), own(null, web), false));
    assertEquals(
        "PID 42 has a network namespace of its own (netns:[7]): the lookup was made from it, and "
            + steps,
        ExplainView.fromLine(
            explanation(false), own(LOOKUP, new NetworkNamespace(7, null)), false));
    assertEquals(
        "PID 42 has a network namespace of its own (web-1): the lookup and the connect were made"
            + " from it, and "
            + steps,
        ExplainView.fromLine(explanation(true), own(LOOKUP, web), false));
    assertEquals(
        "PID 42 has a network namespace of its own (web-1): the lookup, the connect and the HTTP"
            + " request were made from it, and "
            + steps,
        ExplainView.fromLine(explanation(true), own(LOOKUP, web), true));
    assertEquals(
        "PID 42 has a network namespace of its own (web-1): the connect and the HTTP request"
            + " were made from it, and "
            + steps,
        ExplainView.fromLine(explanation(true), own(null, web), true));
  }

  @Test
  void aSharedNamespaceSeesThisHost() {
    FromProcess shared =
        new FromProcess(42, false, null, LOOKUP, List.of(), ConnectFrom.SHARED, ConnectFrom.SHARED);
    assertEquals(
        "PID 42 shares this host's network namespace: it sees the same addresses and listeners",
        ExplainView.fromLine(explanation(true), shared, true));
  }
}
