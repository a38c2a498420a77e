package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;

/**
 * A URL record as the URL Standard defines it, with its serialisations and the getters of the
 * JavaScript {@code URL} API ({@link #href}, {@link #protocol}, {@link #host}, ...). The path is
 * kept serialised ({@code /a/b}; each segment preceded by "/"), or as an opaque path string.
 */
public final class WhatwgUrl {
  final String scheme;
  final String username;
  final String password;
  final Host host;
  final int port;
  final String path;
  final boolean opaquePath;
  final String query;
  final String fragment;

  WhatwgUrl(
      String scheme,
      String username,
      String password,
      Host host,
      int port,
      String path,
      boolean opaquePath,
      String query,
      String fragment) {
    this.scheme = scheme;
    this.username = username;
    this.password = password;
    this.host = host;
    this.port = port;
    this.path = path;
    this.opaquePath = opaquePath;
    this.query = query;
    this.fragment = fragment;
  }

  /** Parses {@code input} against an optional {@code base} (the basic URL parser). */
  public static WhatwgUrl parse(String input, WhatwgUrl base) throws InvalidUrlException {
    return new UrlParser().parse(input, base, ValidationLog.DISCARD);
  }

  public static WhatwgUrl parse(String input) throws InvalidUrlException {
    return parse(input, null);
  }

  /** The special schemes' default ports (-1: none, e.g. file), or -2 for a non-special scheme. */
  static int specialDefaultPort(String scheme) {
    switch (scheme) {
      case "http":
      case "ws":
        return 80;
      case "https":
      case "wss":
        return 443;
      case "ftp":
        return 21;
      case "file":
        return -1;
      default:
        return -2;
    }
  }

  public static boolean isSpecial(String scheme) {
    return specialDefaultPort(scheme) != -2;
  }

  public boolean special() {
    return isSpecial(scheme);
  }

  public String scheme() {
    return scheme;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** The host, or null when the URL has none (e.g. {@code mailto:}). */
  public Host hostRecord() {
    return host;
  }

  /** The port, or -1 when null (absent or the scheme's default). */
  public int portNumber() {
    return port;
  }

  public boolean hasOpaquePath() {
    return opaquePath;
  }

  /** The query without "?", or null. */
  public String query() {
    return query;
  }

  /** The fragment without "#", or null. */
  public String fragment() {
    return fragment;
  }

  public boolean includesCredentials() {
    return !username.isEmpty() || !password.isEmpty();
  }

  /** The path's segments (empty for an opaque path). */
  public List<String> pathSegments() {
    List<String> segments = new ArrayList<>();
    if (opaquePath) {
      return segments;
    }
    int i = 0;
    while (i < path.length()) {
      int next = path.indexOf('/', i + 1);
      if (next < 0) {
        next = path.length();
      }
      segments.add(path.substring(i + 1, next));
      i = next;
    }
    return segments;
  }

  // --- The JavaScript URL API's getters ---

  public String href() {
    return serialize(false);
  }

  public String protocol() {
    return scheme + ":";
  }

  public String hostname() {
    return host == null ? "" : host.serialized();
  }

  public String host() {
    if (host == null) {
      return "";
    }
    return port < 0 ? host.serialized() : host.serialized() + ":" + port;
  }

  public String port() {
    return port < 0 ? "" : Integer.toString(port);
  }

  public String pathname() {
    return path;
  }

  public String search() {
    return query == null || query.isEmpty() ? "" : "?" + query;
  }

  public String hash() {
    return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
  }

  /** The ASCII serialisation of the URL's origin; "null" for an opaque origin. */
  public String origin() {
    switch (scheme) {
      case "blob":
        try {
          WhatwgUrl inner = parse(path);
          if (inner.scheme.equals("http") || inner.scheme.equals("https")) {
            return inner.origin();
          }
        } catch (InvalidUrlException e) {
          return "null";
        }
        return "null";
      case "ftp":
      case "http":
      case "https":
      case "ws":
      case "wss":
        return scheme + "://" + host();
      default:
        return "null";
    }
  }

  /** The href with the password replaced by {@code secret.apply(password)} (e.g. a mask). */
  public String href(java.util.function.UnaryOperator<String> secret) {
    if (password.isEmpty()) {
      return href();
    }
    return serialize(false, secret.apply(password));
  }

  /** The URL serializer. */
  public String serialize(boolean excludeFragment) {
    return serialize(excludeFragment, password);
  }

  private String serialize(boolean excludeFragment, String password) {
    StringBuilder out = new StringBuilder(scheme.length() + path.length() + 32);
    out.append(scheme).append(':');
    if (host != null) {
      out.append("//");
      if (includesCredentials()) {
        out.append(username);
        if (!password.isEmpty()) {
          out.append(':').append(password);
        }
        out.append('@');
      }
      out.append(host.serialized());
      if (port >= 0) {
        out.append(':').append(port);
      }
    } else if (!opaquePath && path.length() > 1 && path.charAt(0) == '/' && path.charAt(1) == '/') {
      out.append("/.");
    }
    out.append(path);
    if (query != null) {
      out.append('?').append(query);
    }
    if (!excludeFragment && fragment != null) {
      out.append('#').append(fragment);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return href();
  }
}
