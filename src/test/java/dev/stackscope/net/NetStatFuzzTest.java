package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Fuzz target for the {@code /proc/net/netstat} parser (docs/fuzzing.md). Without JAZZER_FUZZ it
 * replays {@code NetStatFuzzTestInputs/netstat/}.
 */
class NetStatFuzzTest {
  /**
   * Arbitrary text: no exception; at most {@link NetStat#MAX_COUNTERS} counters, each named
   * PREFIX.NAME without blanks or line breaks. A pair of lines the kernel would write, before any
   * text, parses back to its values.
   */
  @FuzzTest
  void netstat(FuzzedDataProvider data) {
    long overflows = data.consumeLong();
    long drops = data.consumeLong();
    String text = data.consumeRemainingAsString();
    NetStat parsed = NetStat.parse(text);
    assertTrue(parsed.counters().size() <= NetStat.MAX_COUNTERS);
    for (Map.Entry<String, Long> e : parsed.counters().entrySet()) {
      assertTrue(e.getKey().contains("."), e.getKey());
      assertFalse(e.getKey().contains("\n") || e.getKey().contains(" "), e.getKey());
    }
    String pair =
        "TcpExt: SyncookiesSent ListenOverflows ListenDrops\nTcpExt: 0 "
            + overflows
            + " "
            + drops
            + "\n";
    NetStat known = NetStat.parse(pair + text);
    assertEquals(overflows, known.get(NetStat.LISTEN_OVERFLOWS), pair);
    assertEquals(drops, known.get(NetStat.LISTEN_DROPS), pair);
  }
}
