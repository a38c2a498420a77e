package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Fuzz target for the {@code /proc/PID/limits} parser (docs/fuzzing.md). Without JAZZER_FUZZ it
 * replays {@code ProcLimitsFuzzTestInputs/limits/}.
 */
class ProcLimitsFuzzTest {
  /**
   * Arbitrary text: no exception; every limit has a non-empty name without line breaks and values
   * that are null (unlimited) or 0 or more. A line the kernel would write, after any text, parses
   * back to its values.
   */
  @FuzzTest
  void limits(FuzzedDataProvider data) {
    boolean unlimited = data.consumeBoolean();
    long soft = data.consumeLong(0, Long.MAX_VALUE);
    long hard = data.consumeLong(0, Long.MAX_VALUE);
    String text = data.consumeRemainingAsString();
    for (Map.Entry<String, ProcLimits.Limit> e : ProcLimits.parse(text).entrySet()) {
      assertFalse(e.getKey().isBlank(), "a blank name");
      assertFalse(e.getKey().contains("\n"), e.getKey());
      ProcLimits.Limit l = e.getValue();
      assertTrue(l.soft() == null || l.soft() >= 0, "soft " + l.soft());
      assertTrue(l.hard() == null || l.hard() >= 0, "hard " + l.hard());
    }
    String line =
        String.format(
            "%-25s %-20s %-20s %-10s%n",
            ProcLimits.OPEN_FILES,
            unlimited ? "unlimited" : Long.toString(soft),
            Long.toString(hard),
            "files");
    // the kernel's name comes first in its file: a line of the fuzzer's with the same name wins
    ProcLimits.Limit parsed = ProcLimits.parse(line + text).get(ProcLimits.OPEN_FILES);
    assertEquals(new ProcLimits.Limit(unlimited ? null : soft, hard, "files"), parsed, line);
  }
}
