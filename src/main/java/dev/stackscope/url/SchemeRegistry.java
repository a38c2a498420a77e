package dev.stackscope.url;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Default ports for schemes: the URL Standard's special schemes and the schemes met in connection
 * strings (postgres, redis, mongodb, ...), from the {@code schemes.tsv} table in resources. The
 * table is read on first use.
 */
public final class SchemeRegistry {
  /** One row: a scheme, its default port (null for none, e.g. file) and what it is. */
  public record Scheme(String name, Integer defaultPort, String description) {}

  private static final class Table {
    static final Map<String, Scheme> SCHEMES = load();
  }

  private SchemeRegistry() {}

  public static Optional<Scheme> lookup(String scheme) {
    return Optional.ofNullable(Table.SCHEMES.get(scheme));
  }

  /** The scheme's default port, or null when it has none or is unknown. */
  public static Integer defaultPort(String scheme) {
    Scheme s = Table.SCHEMES.get(scheme);
    return s == null ? null : s.defaultPort();
  }

  static Map<String, Scheme> parse(BufferedReader reader) throws IOException {
    Map<String, Scheme> map = new HashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length < 3) {
        throw new IOException("schemes.tsv: bad row: " + line);
      }
      Integer port = f[1].equals("-") ? null : Integer.valueOf(f[1]);
      map.put(f[0], new Scheme(f[0], port, f[2]));
    }
    return Map.copyOf(map);
  }

  private static Map<String, Scheme> load() {
    try (InputStream in = SchemeRegistry.class.getResourceAsStream("schemes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("schemes.tsv missing from the class path");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
