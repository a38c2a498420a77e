package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.Trace;
import dev.stackscope.dns.TraceStep;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.Method;
import dev.stackscope.stack.Explanation.Outcome;
import dev.stackscope.stack.Explanation.PortSource;
import dev.stackscope.testing.CliRunner;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Domain results carry enums; their JSON is the lowercase word the README documents, the same
 * strings the records carried before they became enums.
 */
class ResultWordsTest {
  private static List<String> words(Enum<?>[] values) {
    return Arrays.stream(values).map(Object::toString).toList();
  }

  /** What the JSON renderer writes for the value: a JSON string, parsed back. */
  private static String json(Object value) {
    StringWriter w = new StringWriter();
    JsonRenderer.write(Map.of("v", value), w);
    return CliRunner.parseJson(w.toString()).get("v").asText();
  }

  @Test
  void dnsOutcomesAreTheDocumentedWords() {
    assertEquals(List.of("answer", "nxdomain", "nodata", "failed"), words(Trace.Result.values()));
    assertEquals(
        List.of(
            "referral",
            "answer",
            "cname",
            "nxdomain",
            "nodata",
            "lame",
            "timeout",
            "truncated",
            "error",
            "abandoned",
            "lookup"),
        words(TraceStep.Outcome.values()));
    assertEquals(
        List.of("timeout", "truncated", "error"), words(Resolution.Attempt.Outcome.values()));
    assertEquals("abandoned", json(TraceStep.Outcome.ABANDONED));
    assertEquals("nxdomain", json(Trace.Result.NXDOMAIN));
  }

  @Test
  void explainOutcomesAreTheDocumentedWords() {
    assertEquals(List.of("literal", "hosts file", "dns", "trace"), words(Method.values()));
    assertEquals(
        List.of("explicit", "scheme default", "assumed (http)"), words(PortSource.values()));
    assertEquals(
        List.of(
            "answer",
            "nxdomain",
            "nodata",
            "formerr",
            "servfail",
            "notimp",
            "refused",
            "rcode",
            "timeout",
            "no reply",
            "no server",
            "failed"),
        words(Outcome.values()));
    assertEquals(
        List.of("refused", "timed out", "unreachable", "error", "no address"),
        words(ConnectError.values()));
    assertEquals("hosts file", json(Method.HOSTS_FILE));
    assertEquals("timed out", json(ConnectError.TIMED_OUT));
  }

  @Test
  void anRcodeBecomesItsOutcome() {
    assertEquals(Outcome.SERVFAIL, Outcome.ofRcode("SERVFAIL"));
    assertEquals(Outcome.REFUSED, Outcome.ofRcode("REFUSED"));
    assertEquals(Outcome.NXDOMAIN, Outcome.ofRcode("NXDOMAIN"));
    assertEquals(Outcome.NODATA, Outcome.ofRcode("NOERROR"));
    assertEquals(Outcome.RCODE, Outcome.ofRcode("BADVERS"));
  }
}
