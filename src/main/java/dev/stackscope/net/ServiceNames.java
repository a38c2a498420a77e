package dev.stackscope.net;

import dev.stackscope.os.FileBytes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
      byte[] table = readFromCodeSource();
      if (table == null) {
        try (InputStream in = ServiceNames.class.getResourceAsStream(TABLE)) {
          table = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
          throw new IllegalStateException("the bundled service table is missing", e);
        }
      }
      bundled = new ServiceNames(parse(table));
    }
    return bundled;
  }

  private static final String TABLE = "services.tsv";

  /**
   * The table read straight from the jar (or classes directory) this class came from, or null when
   * that cannot be done. {@code getResourceAsStream} would go through a {@code jar:} URL and its
   * connection classes, several milliseconds in a JVM that has just started, to read 3 KB.
   */
  private static byte[] readFromCodeSource() {
    String entry = ServiceNames.class.getPackageName().replace('.', '/') + "/" + TABLE;
    try {
      CodeSource code = ServiceNames.class.getProtectionDomain().getCodeSource();
      URL location = code == null ? null : code.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        return null;
      }
      File where = new File(location.toURI());
      if (where.isDirectory()) {
        FileBytes bytes = new FileBytes(4096);
        return bytes.read(new File(where, entry).getPath())
            ? Arrays.copyOf(bytes.bytes(), bytes.length())
            : null;
      }
      try (ZipFile jar = new ZipFile(where)) {
        ZipEntry e = jar.getEntry(entry);
        if (e == null) {
          return null;
        }
        try (InputStream in = jar.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Parses lines {@code name<TAB>port/proto}; {@code #} starts a comment; first name wins. Fields
   * are separated by blanks.
   */
  static Map<String, String> parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #parse(String)} on the UTF-8 bytes of the table: no regular expression and no
   * per-character calls, since it runs at the start of every {@code ports} in a JVM that has just
   * started.
   */
  static Map<String, String> parse(byte[] b) {
    Map<String, String> byKey = new HashMap<>();
    int length = b.length;
    int start = 0;
    while (start < length) {
      int eol = start;
      while (eol < length && b[eol] != '\n') {
        eol++;
      }
      int end = start;
      while (end < length && end < eol && b[end] != '#') {
        end++;
      }
      int nameStart = start;
      while (nameStart < end && isBlank(b[nameStart])) {
        nameStart++;
      }
      int nameEnd = nameStart;
      while (nameEnd < end && !isBlank(b[nameEnd])) {
        nameEnd++;
      }
      int keyStart = nameEnd;
      while (keyStart < end && isBlank(b[keyStart])) {
        keyStart++;
      }
      int keyEnd = keyStart;
      boolean slash = false;
      while (keyEnd < end && !isBlank(b[keyEnd])) {
        slash |= b[keyEnd] == '/';
        keyEnd++;
      }
      if (nameEnd > nameStart && slash) {
        String key = new String(b, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
        byKey.putIfAbsent(
            key.toLowerCase(Locale.ROOT),
            new String(b, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8));
      }
      start = eol + 1;
    }
    return byKey;
  }

  /** ASCII white space (what {@code \s} matches in a regular expression). */
  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** The service name for {@code port} over {@code protocol}, or null. */
  public String name(int port, Protocol protocol) {
    return byKey.get(port + "/" + protocol);
  }
}
