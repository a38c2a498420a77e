package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.Explanation.Method;
import dev.stackscope.stack.Explanation.Outcome;
import dev.stackscope.stack.Explanation.Resolution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words explain chooses for the domain's enums (the records carry none). */
class ExplainViewTest {
  private static Resolution dns(Outcome outcome, String error, String server, String source) {
    return new Resolution(
        Method.DNS, source, outcome, error, server, List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void resolutionOutcomesInWords() {
    assertEquals(
        "NXDOMAIN (no such name) from 127.0.0.53:53",
        ExplainView.describe(dns(Outcome.NXDOMAIN, null, "127.0.0.53:53", "127.0.0.53:53")));
    assertEquals(
        "timeout (dns: 10.0.0.1:53)",
        ExplainView.describe(dns(Outcome.TIMEOUT, null, null, "10.0.0.1:53")));
    assertEquals(
        "error: Connection refused (dns: 10.0.0.1:53)",
        ExplainView.describe(dns(Outcome.NO_REPLY, "Connection refused", null, "10.0.0.1:53")));
    assertEquals(
        "no DNS server configured", ExplainView.describe(dns(Outcome.NO_SERVER, null, null, null)));
    assertEquals(
        "servfail from 10.0.0.1:53",
        ExplainView.describe(dns(Outcome.SERVFAIL, null, "10.0.0.1:53", null)));
    assertEquals("badvers", ExplainView.describe(dns(Outcome.RCODE, "BADVERS", null, null)));
    Resolution trace =
        new Resolution(
            Method.TRACE,
            null,
            Outcome.FAILED,
            "a glueless cycle",
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertEquals("failed: a glueless cycle", ExplainView.describe(trace));
  }

  @Test
  void connectFailuresInWords() {
    ConnectStep one =
        new ConnectStep(
            "192.0.2.1",
            80,
            false,
            5,
            ConnectError.TIMED_OUT,
            List.of(ConnectAttempt.failed("192.0.2.1", 5, ConnectError.TIMED_OUT)));
    assertEquals("timed out", ExplainView.failure(one));
    ConnectStep two =
        new ConnectStep(
            "192.0.2.1",
            80,
            false,
            9,
            ConnectError.REFUSED,
            List.of(
                new ConnectAttempt(
                    "2001:db8::1", false, 4, ConnectError.OTHER, "Permission denied"),
                ConnectAttempt.failed("192.0.2.1", 5, ConnectError.REFUSED)));
    assertEquals(
        "all 2 addresses failed: 2001:db8::1 Permission denied, 192.0.2.1 refused",
        ExplainView.failure(two));
    ConnectStep none = new ConnectStep(null, 80, false, 0, ConnectError.NO_ADDRESS, List.of());
    assertEquals("no address to connect to", ExplainView.failure(none));
  }
}
