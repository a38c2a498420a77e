package dev.stackscope.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /proc/PID/limits}: each resource limit's soft and hard value. The kernel writes one line
 * per limit, the name padded to 25 columns, then the soft and hard values ({@code unlimited} or a
 * number) padded to 20 and the unit; the parser splits on the values, not the columns, so a wider
 * value does not shift it. Pure ({@link #parse}); fuzzed by {@code ProcLimitsFuzzTest}.
 */
public final class ProcLimits {
  private ProcLimits() {}

  /** One limit; {@code soft} and {@code hard} are null when unlimited. */
  public record Limit(Long soft, Long hard, String unit) {}

  /** The name of the descriptor limit (RLIMIT_NOFILE) in the file. */
  public static final String OPEN_FILES = "Max open files";

  /** Limits by name ("Max open files"); lines that are not limits (the header) are skipped. */
  public static Map<String, Limit> parse(String text) {
    Map<String, Limit> limits = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      String[] words = line.trim().split("\\s+");
      // the name's words, then soft and hard: the first two values in a row after the name
      for (int i = 1; i + 1 < words.length; i++) {
        Long soft;
        Long hard;
        try {
          soft = value(words[i]);
          hard = value(words[i + 1]);
        } catch (NumberFormatException e) {
          continue;
        }
        String name = String.join(" ", java.util.Arrays.copyOfRange(words, 0, i));
        String unit = i + 2 < words.length ? words[i + 2] : null;
        limits.putIfAbsent(name, new Limit(soft, hard, unit));
        break;
      }
    }
    return limits;
  }

  /** A value: null for unlimited, else a number of 0 or more. */
  private static Long value(String word) {
    if (word.equals("unlimited")) {
      return null;
    }
    if (word.isEmpty() || word.length() > 20 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(word);
    }
    return Long.parseUnsignedLong(word) < 0 ? null : Long.parseLong(word); // RLIM_INFINITY: 2^64-1
  }
}
