package dev.stackscope.http;

import java.util.ArrayList;
import java.util.List;

/** Header fields in the order received; lookups ignore case (RFC 9110 §5.1). */
public record Headers(List<Header> fields) {
  public Headers {
    fields = List.copyOf(fields);
  }

  public static Headers of(List<Header> fields) {
    return new Headers(fields);
  }

  /** The first value of {@code name}, or null. */
  public String first(String name) {
    for (Header h : fields) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** Every value of {@code name}, each line as it came. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Header h : fields) {
      if (h.is(name)) {
        out.add(h.value());
      }
    }
    return out;
  }

  /**
   * The list-valued field {@code name}, split on commas outside quoted strings (RFC 9110 §5.6.1).
   */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String line : all(name)) {
      out.addAll(splitList(line));
    }
    return out;
  }

  public boolean has(String name) {
    return first(name) != null;
  }

  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        cur.append(c);
        if (c == '\\' && i + 1 < value.length()) {
          cur.append(value.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
        cur.append(c);
      } else if (c == ',') {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
