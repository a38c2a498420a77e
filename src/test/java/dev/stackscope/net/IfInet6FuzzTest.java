package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.ip.IpAddress;
import java.util.List;

/**
 * Fuzz target for a namespace's {@code /proc/PID/net/if_inet6} (docs/fuzzing.md). Without
 * JAZZER_FUZZ it replays {@code IfInet6FuzzTestInputs/}.
 */
class IfInet6FuzzTest {
  /**
   * Any text, then one line as the kernel writes it: no exception; every entry is IPv6, with an
   * index ≥ 1, a prefix of 0–128 and a name of 1–15 characters without spaces; ours is the last.
   */
  @FuzzTest
  void ifInet6(FuzzedDataProvider data) {
    long hi = data.consumeLong();
    long lo = data.consumeLong();
    int index = data.consumeInt(1, Integer.MAX_VALUE);
    int prefix = data.consumeInt(0, 128);
    String text = data.consumeRemainingAsString();
    String line =
        String.format("%016x%016x %02x %02x %02x %02x %8s", hi, lo, index, prefix, 0, 0x80, "eth0");
    List<IfInet6.Entry> found = IfInet6.parse(text + "\n" + line + "\n");
    assertTrue(found.size() <= IfInet6.MOST_ENTRIES);
    for (IfInet6.Entry e : found) {
      assertEquals(6, e.address().version());
      assertTrue(e.index() >= 1);
      assertTrue(e.prefixLength() >= 0 && e.prefixLength() <= 128);
      assertTrue(e.interfaceName().length() >= 1 && e.interfaceName().length() <= 15);
      assertTrue(e.interfaceName().chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n'));
    }
    if (text.length() < IfInet6.MOST_BYTES - 200 && found.size() < IfInet6.MOST_ENTRIES) {
      assertEquals(
          new IfInet6.Entry(IpAddress.v6(hi, lo), index, prefix, "eth0"),
          found.get(found.size() - 1));
    }
  }
}
