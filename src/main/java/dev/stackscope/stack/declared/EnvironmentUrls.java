package dev.stackscope.stack.declared;

import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.WhatwgUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connection URLs in a process's environment: {@code DATABASE_URL}, {@code REDIS_URL}, {@code
 * CELERY_BROKER_URL} and any {@code *_URL} whose scheme names a known server (postgres, postgresql,
 * mysql, redis, rediss, amqp, memcached, mongodb), parsed by the url package. Only the target is
 * kept: the user and password never leave this class.
 */
public final class EnvironmentUrls {
  /** Known schemes and their default ports. */
  static final Map<String, Integer> SCHEMES =
      Map.of(
          "postgres", 5432,
          "postgresql", 5432,
          "mysql", 3306,
          "redis", 6379,
          "rediss", 6379,
          "amqp", 5672,
          "memcached", 11211,
          "mongodb", 27017);

  /** The longest value looked at. */
  static final int MAX_VALUE = 4096;

  /** The most variables looked at in one environment. */
  static final int MAX_VARIABLES = 4096;

  private EnvironmentUrls() {}

  /** The declarations of a {@code /proc/PID/environ} text (NAME=VALUE entries separated by NUL). */
  public static List<Declaration> parse(int pid, String program, String environ) {
    List<Declaration> out = new ArrayList<>();
    String[] entries = environ.split("\0", MAX_VARIABLES);
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || e.length() - eq - 1 > MAX_VALUE) {
        continue;
      }
      String name = e.substring(0, eq);
      if (!name.endsWith("_URL") && !name.equals("URL")) {
        continue;
      }
      Declaration d = url(pid, program, name, e.substring(eq + 1));
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** One variable's URL as a declaration, or null for another scheme or a malformed URL. */
  static Declaration url(int pid, String program, String name, String value) {
    int colon = value.indexOf("://");
    if (colon <= 0) {
      return null;
    }
    String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
    Integer defaultPort = SCHEMES.get(scheme);
    if (defaultPort == null) {
      return null;
    }
    WhatwgUrl u;
    try {
      u = WhatwgUrl.parse(value);
    } catch (InvalidUrlException | RuntimeException e) {
      return null;
    }
    int port = u.portNumber() > 0 ? u.portNumber() : defaultPort;
    String host = u.hostname();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.startsWith("%2f") || host.startsWith("%2F")) {
      // postgresql:///db?host=/run/postgresql (or a percent-encoded directory as the host): libpq
      // connects to DIR/.s.PGSQL.PORT
      String dir = host.isEmpty() ? param(u.query(), "host") : decode(host);
      String queryPort = param(u.query(), "port");
      if (u.portNumber() <= 0 && queryPort != null && queryPort.matches("[0-9]{1,5}")) {
        port = Integer.parseInt(queryPort); // libpq's port parameter
      }
      if (port < 1 || port > 65535) {
        return null;
      }
      if (dir != null && dir.startsWith("/") && scheme.startsWith("postgres")) {
        return new Declaration(
            pid, program, name, null, 0, dir.replaceAll("/+$", "") + "/.s.PGSQL." + port, null, 0);
      }
      return null;
    }
    return new Declaration(pid, program, name, host, port, null, null, 0);
  }

  private static String param(String query, String key) {
    if (query == null) {
      return null;
    }
    for (String kv : query.split("&", 64)) {
      if (kv.startsWith(key + "=")) {
        return decode(kv.substring(key.length() + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
