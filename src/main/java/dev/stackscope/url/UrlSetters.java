package dev.stackscope.url;

/**
 * The URL Standard's API setters (§6.1: href, protocol, username, password, host, hostname, port,
 * pathname, search, hash) on the immutable {@link WhatwgUrl}: each returns the changed URL. Like
 * the JavaScript setters, a value the Standard rejects leaves the URL as it was — or as far as the
 * parser got, since the Standard changes the URL in place — and the outcome names the failure.
 * Checked against web-platform-tests' {@code setters_tests.json}.
 */
public final class UrlSetters {
  /** The URL after a setter, and the failure that stopped it (null when none). */
  public record Outcome(WhatwgUrl url, UrlFailure failure) {}

  private UrlSetters() {}

  /** Runs the setter of {@code component} with {@code value} on {@code url}. */
  public static Outcome set(WhatwgUrl url, UrlComponent component, String value) {
    return set(new UrlParser(), url, component, value);
  }

  /** As {@link #set(WhatwgUrl, UrlComponent, String)}, reusing {@code parser}'s buffers. */
  public static Outcome set(UrlParser parser, WhatwgUrl url, UrlComponent component, String value) {
    switch (component) {
      case HREF:
        try {
          return new Outcome(parser.parse(value, null, ValidationLog.DISCARD), null);
        } catch (InvalidUrlException e) {
          return new Outcome(url, e.failure()); // JavaScript throws a TypeError: URL unchanged
        }
      case PROTOCOL:
        return parser.runOverride(value + ":", url, UrlParser.State.SCHEME_START);
      case USERNAME:
      case PASSWORD:
        if (cannotHaveCredentialsOrPort(url)) {
          return unchanged(url);
        }
        String encoded = PercentEncoding.encode(value, PercentEncoding.USERINFO);
        boolean user = component == UrlComponent.USERNAME;
        return changed(
            url,
            user ? encoded : url.username,
            user ? url.password : encoded,
            url.host,
            url.port,
            url.path,
            url.query,
            url.fragment);
      case HOST:
      case HOSTNAME:
        if (url.opaquePath) {
          return unchanged(url);
        }
        return parser.runOverride(
            value,
            url,
            component == UrlComponent.HOST ? UrlParser.State.HOST : UrlParser.State.HOSTNAME);
      case PORT:
        if (cannotHaveCredentialsOrPort(url)) {
          return unchanged(url);
        }
        if (value.isEmpty()) {
          return changed(
              url, url.username, url.password, url.host, -1, url.path, url.query, url.fragment);
        }
        return parser.runOverride(value, url, UrlParser.State.PORT);
      case PATHNAME:
        if (url.opaquePath) {
          return unchanged(url);
        }
        WhatwgUrl emptyPath =
            changed(
                    url,
                    url.username,
                    url.password,
                    url.host,
                    url.port,
                    "",
                    url.query,
                    url.fragment)
                .url();
        return parser.runOverride(value, emptyPath, UrlParser.State.PATH_START);
      case SEARCH:
        if (value.isEmpty()) {
          return new Outcome(stripOpaquePathSpaces(withQuery(url, null)), null);
        }
        String query = value.charAt(0) == '?' ? value.substring(1) : value;
        return parser.runOverride(query, withQuery(url, ""), UrlParser.State.QUERY);
      case HASH:
        if (value.isEmpty()) {
          return new Outcome(stripOpaquePathSpaces(withFragment(url, null)), null);
        }
        String fragment = value.charAt(0) == '#' ? value.substring(1) : value;
        return parser.runOverride(fragment, withFragment(url, ""), UrlParser.State.FRAGMENT);
      default:
        throw new IllegalArgumentException(component.name());
    }
  }

  /** The URL with its query replaced (null: none), without parsing: for serialised lists. */
  static WhatwgUrl withQuery(WhatwgUrl url, String query) {
    return changed(
            url, url.username, url.password, url.host, url.port, url.path, query, url.fragment)
        .url();
  }

  private static WhatwgUrl withFragment(WhatwgUrl url, String fragment) {
    return changed(
            url, url.username, url.password, url.host, url.port, url.path, url.query, fragment)
        .url();
  }

  /** The Standard's "potentially strip trailing spaces from an opaque path". */
  static WhatwgUrl stripOpaquePathSpaces(WhatwgUrl url) {
    if (!url.opaquePath || url.fragment != null || url.query != null) {
      return url;
    }
    int end = url.path.length();
    while (end > 0 && url.path.charAt(end - 1) == ' ') {
      end--;
    }
    if (end == url.path.length()) {
      return url;
    }
    return new WhatwgUrl(
        url.scheme,
        url.username,
        url.password,
        url.host,
        url.port,
        url.path.substring(0, end),
        true,
        null,
        null);
  }

  private static boolean cannotHaveCredentialsOrPort(WhatwgUrl url) {
    return url.host == null || url.host.type() == HostType.EMPTY || url.scheme.equals("file");
  }

  private static Outcome unchanged(WhatwgUrl url) {
    return new Outcome(url, null);
  }

  private static Outcome changed(
      WhatwgUrl url,
      String username,
      String password,
      Host host,
      int port,
      String path,
      String query,
      String fragment) {
    return new Outcome(
        new WhatwgUrl(
            url.scheme, username, password, host, port, path, url.opaquePath, query, fragment),
        null);
  }
}
