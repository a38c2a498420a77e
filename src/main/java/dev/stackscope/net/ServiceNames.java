package dev.stackscope.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  /** Parses lines {@code name<TAB>port/proto}; {@code #} starts a comment; first name wins. */
  static Map<String, String> parse(String text) {
    Map<String, String> byKey = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (l.isEmpty()) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length >= 2 && f[1].contains("/")) {
        byKey.putIfAbsent(f[1].toLowerCase(java.util.Locale.ROOT), f[0]);
      }
    }
    return byKey;
  }

  /** The service name for {@code port} over {@code protocol}, or null. */
  public String name(int port, Protocol protocol) {
    return byKey.get(port + "/" + protocol);
  }
}
