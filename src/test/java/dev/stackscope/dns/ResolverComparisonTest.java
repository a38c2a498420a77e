package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which answers are marked as differing: TTLs and record order aside, the most common wins. */
class ResolverComparisonTest {
  private static Resolution answer(String rcode, long ttl, String... data) {
    List<RecordData> records =
        java.util.Arrays.stream(data).map(d -> new RecordData("a.test.", "A", ttl, d)).toList();
    return new Resolution(
        "a.test.",
        null,
        "A",
        rcode,
        List.of("qr"),
        "s",
        "udp",
        1.0,
        40,
        records,
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  private static List<Boolean> differs(ResolverComparison.Comparison c) {
    return c.servers().stream().map(ResolverComparison.ServerAnswer::differs).toList();
  }

  @Test
  void ttlAndOrderDoNotCountTheOddOneIsMarked() {
    ResolverComparison.Comparison c =
        ResolverComparison.side(
            List.of(
                answer("NOERROR", 300, "192.0.2.1", "192.0.2.2"),
                answer("NOERROR", 12, "192.0.2.2", "192.0.2.1"),
                answer("NOERROR", 300, "192.0.2.9")),
            List.of("a", "b", "c"));
    assertFalse(c.agree());
    assertEquals(List.of(false, false, true), differs(c));
  }

  @Test
  void aTieKeepsTheFirstServersAnswerAndAgreementMarksNothing() {
    ResolverComparison.Comparison tie =
        ResolverComparison.side(
            List.of(answer("NOERROR", 1, "192.0.2.1"), answer("NXDOMAIN", 1)), List.of("a", "b"));
    assertEquals(List.of(false, true), differs(tie));
    ResolverComparison.Comparison same =
        ResolverComparison.side(
            List.of(answer("NOERROR", 1, "192.0.2.1"), answer("NOERROR", 2, "192.0.2.1")),
            List.of("a", "b"));
    assertTrue(same.agree());
    assertEquals(List.of(false, false), differs(same));
  }
}
