package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the URL Standard's non-fatal validation errors (by their names in the Standard). The
 * {@link #DISCARD} log keeps nothing, so a batch that does not show warnings allocates nothing.
 */
public class ValidationLog {
  /** A log that keeps nothing. */
  public static final ValidationLog DISCARD =
      new ValidationLog() {
        @Override
        public void add(String name) {}
      };

  private static final java.util.Map<String, String> DESCRIPTIONS =
      java.util.Map.of(
          "invalid-credentials", "the URL includes credentials",
          "invalid-URL-unit", "a character that is not a URL code point, or a stray '%'",
          "special-scheme-missing-following-solidus", "'//' expected after the scheme",
          "invalid-reverse-solidus", "'\\' used as '/'",
          "IPv4-empty-part", "IPv4 address ends with '.'",
          "IPv4-non-decimal-part", "IPv4 address with hex or octal parts",
          "file-invalid-Windows-drive-letter", "Windows drive letter in a relative file URL",
          "file-invalid-Windows-drive-letter-host", "Windows drive letter as a file URL's host");

  private List<String> names;

  /** The Standard's name of a validation error followed by what it means in words. */
  public static String describe(String name) {
    String d = DESCRIPTIONS.get(name);
    return d == null ? name : name + " (" + d + ")";
  }

  public void add(String name) {
    if (names == null) {
      names = new ArrayList<>(2);
    }
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  /** The distinct validation errors seen, in order. */
  public List<String> names() {
    return names == null ? List.of() : List.copyOf(names);
  }
}
