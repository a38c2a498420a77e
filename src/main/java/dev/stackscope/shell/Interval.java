package dev.stackscope.shell;

import java.time.Duration;
import java.util.Locale;

/** Refresh intervals: parsing ({@code 2}, {@code 0.5}, {@code 500ms}, {@code 2s}, {@code 1m}). */
public final class Interval {
  public static final Duration DEFAULT = Duration.ofSeconds(2);
  public static final Duration MIN = Duration.ofMillis(100);
  public static final Duration MAX = Duration.ofHours(24);

  private Interval() {}

  /** Parses an interval; throws IllegalArgumentException with a message naming the problem. */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    double factor = 1000;
    if (t.endsWith("ms")) {
      factor = 1;
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 60_000;
      t = t.substring(0, t.length() - 1);
    }
    double value;
    try {
      value = Double.parseDouble(t.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid interval '" + text + "' (use seconds like 2 or 0.5, or 500ms, 2s, 1m)");
    }
    if (Double.isNaN(value) || value * factor < MIN.toMillis()) {
      throw new IllegalArgumentException("interval '" + text + "' is below the minimum of 0.1s");
    }
    if (value * factor > MAX.toMillis()) {
      throw new IllegalArgumentException("interval '" + text + "' is above the maximum of 24h");
    }
    return Duration.ofMillis(Math.round(value * factor));
  }

  /** A short form for headers: 2s, 0.5s, 1m30s. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0 && ms < 60_000) {
      return ms / 1000 + "s";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0).replace(".0s", "s");
    }
    long s = ms / 1000;
    return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
  }

  /** The next longer step (+): 0.1 0.2 0.5 1 2 5 10 30 60 s. */
  static Duration longer(Duration d) {
    for (long step : STEPS) {
      if (step > d.toMillis()) {
        return Duration.ofMillis(step);
      }
    }
    return d;
  }

  /** The next shorter step (-), never below the minimum. */
  static Duration shorter(Duration d) {
    for (int i = STEPS.length - 1; i >= 0; i--) {
      if (STEPS[i] < d.toMillis()) {
        return Duration.ofMillis(STEPS[i]);
      }
    }
    return d;
  }

  private static final long[] STEPS = {100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000};
}
