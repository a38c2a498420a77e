package dev.stackscope.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Well-known service names by port and protocol (IANA's names, as in {@code /etc/services}), from
 * the table {@code services.tsv} in resources — the host's {@code /etc/services} is often absent in
 * containers, and a fixed table keeps output the same on every host.
 */
public final class ServiceNames {
  private static ServiceNames bundled;

  private final Map<String, String> byKey;

  ServiceNames(Map<String, String> byKey) {
    this.byKey = byKey;
  }

  /** The bundled table, loaded on first use. */
  public static synchronized ServiceNames bundled() {
    if (bundled == null) {
      try (InputStream in = ServiceNames.class.getResourceAsStream("services.tsv")) {
        bundled = new ServiceNames(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("the bundled service table is missing", e);
      }
    }
    return bundled;
  }

  /**
   * Parses lines {@code name<TAB>port/proto}; {@code #} starts a comment; first name wins. Fields
   * are separated by blanks (no regular expression: this runs at the start of every {@code ports}).
   */
  static Map<String, String> parse(String text) {
    Map<String, String> byKey = new HashMap<>();
    int start = 0;
    int length = text.length();
    while (start < length) {
      int eol = text.indexOf('\n', start);
      if (eol < 0) {
        eol = length;
      }
      int end = start;
      while (end < eol && text.charAt(end) != '#') {
        end++;
      }
      String l = text.substring(start, end).strip();
      start = eol + 1;
      int nameEnd = 0;
      while (nameEnd < l.length() && !isBlank(l.charAt(nameEnd))) {
        nameEnd++;
      }
      int keyStart = nameEnd;
      while (keyStart < l.length() && isBlank(l.charAt(keyStart))) {
        keyStart++;
      }
      int keyEnd = keyStart;
      while (keyEnd < l.length() && !isBlank(l.charAt(keyEnd))) {
        keyEnd++;
      }
      String key = l.substring(keyStart, keyEnd);
      if (nameEnd > 0 && key.indexOf('/') >= 0) {
        byKey.putIfAbsent(key.toLowerCase(Locale.ROOT), l.substring(0, nameEnd));
      }
    }
    return byKey;
  }

  /** What {@code \s} matches in a regular expression. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** The service name for {@code port} over {@code protocol}, or null. */
  public String name(int port, Protocol protocol) {
    return byKey.get(port + "/" + protocol);
  }
}
