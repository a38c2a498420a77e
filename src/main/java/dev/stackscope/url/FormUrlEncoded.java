package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;

/** The application/x-www-form-urlencoded parser (URLSearchParams): ordered, duplicates kept. */
public final class FormUrlEncoded {
  /** One name/value pair. */
  public record Param(String key, String value) {}

  private FormUrlEncoded() {}

  public static List<Param> parse(String input) {
    List<Param> out = new ArrayList<>();
    if (input == null) {
      return out;
    }
    int start = 0;
    while (start <= input.length()) {
      int amp = input.indexOf('&', start);
      int end = amp < 0 ? input.length() : amp;
      if (end > start) {
        String sequence = input.substring(start, end);
        int eq = sequence.indexOf('=');
        String name = eq < 0 ? sequence : sequence.substring(0, eq);
        String value = eq < 0 ? "" : sequence.substring(eq + 1);
        out.add(new Param(decode(name), decode(value)));
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out;
  }

  /** The value of the first pair named {@code key}, or null. */
  public static String first(String query, String key) {
    for (Param p : parse(query)) {
      if (p.key().equals(key)) {
        return p.value();
      }
    }
    return null;
  }

  /** One name or value as the parser decodes it ('+' is a space, then percent-decoding). */
  public static String decodeComponent(String s) {
    return decode(s);
  }

  private static String decode(String s) {
    return PercentEncoding.decode(s.indexOf('+') < 0 ? s : s.replace('+', ' '));
  }
}
