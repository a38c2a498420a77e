package dev.stackscope.cli.stack;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 500ms}, {@code 5s}, {@code 2m}, or bare seconds. */
final class DurationArgument {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private DurationArgument() {}

  /** The duration, or null when the text is not one. */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
