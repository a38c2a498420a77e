package dev.stackscope.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one type of every option that takes a length of time ({@code --timeout} of {@code dns} and
 * {@code explain}, {@code explain --dns-timeout}, {@code nat --timeout}, {@code dns trace --hedge},
 * {@code ps --interval}, {@code stack --sample}): a number with a unit, {@code 500ms}, {@code 2s},
 * {@code 1.5s}, {@code 1m}. A bare number keeps the unit the option had before units were accepted
 * (milliseconds for {@code dns --timeout}, seconds for {@code explain --timeout}): the option names
 * its unit with {@link Millis} or {@link Seconds} as its converter.
 *
 * <p>Text that is not a duration is a usage error while the command line is parsed; whether the
 * value is in the option's range is each command's {@code validate()}, through {@link #problem}, so
 * the message names the command's bounds.
 */
public final class DurationOption {
  /** A sign, up to 12 digits, an optional fraction, an optional unit: small enough for a long. */
  private static final Pattern FORM =
      Pattern.compile("(-?)(\\d{1,12})(?:\\.(\\d{1,6}))?\\s*(ms|s|m)?", Pattern.CASE_INSENSITIVE);

  /** The unit of a bare number: the option's unit before units were accepted. */
  public enum BareUnit {
    MILLISECONDS(1),
    SECONDS(1000);

    private final long millis;

    BareUnit(long millis) {
      this.millis = millis;
    }

    /** A bound in this unit, as the option's messages have always given it: "60000 ms", "60s". */
    public String format(Duration d) {
      if (this == MILLISECONDS) {
        return d.toMillis() + " ms";
      }
      return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }
  }

  private DurationOption() {}

  /**
   * The duration {@code text} gives, a bare number in {@code bare}; a negative one is returned (the
   * range check says what is allowed). Throws IllegalArgumentException naming the problem when the
   * text is no duration or is finer than a millisecond.
   */
  public static Duration parse(String text, BareUnit bare) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration; accepted: 500ms, 2s, 1.5s, 1m, or a bare number of "
              + (bare == BareUnit.MILLISECONDS ? "milliseconds" : "seconds"));
    }
    String unit = m.group(4) == null ? null : m.group(4).toLowerCase(Locale.ROOT);
    long unitMillis =
        unit == null
            ? bare.millis
            : switch (unit) {
              case "ms" -> 1;
              case "m" -> 60_000;
              default -> 1000;
            };
    String number = m.group(2) + (m.group(3) == null ? "" : "." + m.group(3));
    BigDecimal millis = new BigDecimal(number).multiply(BigDecimal.valueOf(unitMillis));
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("'" + text + "' is finer than a millisecond");
    }
    long ms = millis.longValueExact();
    return Duration.ofMillis(m.group(1).isEmpty() ? ms : -ms);
  }

  /**
   * What is wrong with {@code value} for {@code option}, whose bounds are {@code min} and {@code
   * max} (inclusive), in the option's bare unit: "--timeout must be at least 1 ms"; null if
   * nothing.
   */
  public static String problem(
      String option, Duration value, Duration min, Duration max, BareUnit unit) {
    if (value.compareTo(min) < 0) {
      return option + " must be at least " + unit.format(min);
    }
    return value.compareTo(max) > 0 ? option + " must be at most " + unit.format(max) : null;
  }

  /** The converter of an option whose bare numbers are milliseconds ({@code dns --timeout}). */
  public static final class Millis implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return converted(value, BareUnit.MILLISECONDS);
    }
  }

  /** The converter of an option whose bare numbers are seconds ({@code explain --timeout}). */
  public static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return converted(value, BareUnit.SECONDS);
    }
  }

  private static Duration converted(String value, BareUnit bare) {
    try {
      return parse(value, bare);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
