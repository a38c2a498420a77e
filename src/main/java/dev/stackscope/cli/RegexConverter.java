package dev.stackscope.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The type of the options that select processes by a regular expression ({@code ps --match}, {@code
 * tree --match}, {@code ports --process}): compiled once, while the command line is parsed, so a
 * bad expression is a usage error (exit 2) naming what is wrong, before any scan starts.
 */
public final class RegexConverter implements ITypeConverter<Pattern> {
  /** The longest expression accepted: every input has a size limit. */
  public static final int MAX_LENGTH = 4096;

  @Override
  public Pattern convert(String value) {
    if (value.length() > MAX_LENGTH) {
      throw new TypeConversionException(
          "the regular expression is longer than " + MAX_LENGTH + " characters");
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new TypeConversionException("invalid regular expression: " + e.getDescription());
    }
  }
}
