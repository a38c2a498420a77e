package dev.stackscope.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code Cache-Control}-style directive list ({@code name[=value]}, comma-separated,
 * values a token or a quoted string; RFC 9111 §5.2) or, with {@code ';'}, a {@code
 * Strict-Transport-Security} value (RFC 6797 §6.1). Names are lowercased; the first occurrence of a
 * name wins.
 */
public record Directives(Map<String, String> values) {
  static final int MAX_DIRECTIVES = 64;

  public static Directives parse(Iterable<String> fieldValues, char separator) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : fieldValues) {
      for (String item : separator == ',' ? Headers.splitList(line) : List.of(line.split(";"))) {
        if (out.size() >= MAX_DIRECTIVES) {
          break;
        }
        String it = item.strip();
        if (it.isEmpty()) {
          continue;
        }
        int eq = it.indexOf('=');
        String name = (eq < 0 ? it : it.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : unquote(it.substring(eq + 1).strip());
        out.putIfAbsent(name, value);
      }
    }
    return new Directives(Map.copyOf(out));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * A delta-seconds value (RFC 9111 §1.2.2): digits; too large saturates; null when absent or bad.
   */
  public Long seconds(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return null;
      }
    }
    return v.length() > 10 ? 2147483648L : Math.min(Long.parseLong(v), 2147483648L);
  }

  static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        sb.append(c);
      }
      return sb.toString();
    }
    return v;
  }
}
