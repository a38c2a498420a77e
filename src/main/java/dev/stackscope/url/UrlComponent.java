package dev.stackscope.url;

import java.util.Locale;

/** The components the URL API's setters change, by their JavaScript names. */
public enum UrlComponent {
  HREF,
  PROTOCOL,
  USERNAME,
  PASSWORD,
  HOST,
  HOSTNAME,
  PORT,
  PATHNAME,
  SEARCH,
  HASH;

  /** The JavaScript name ({@code pathname}). */
  public String jsName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The component called {@code name}: its JavaScript name, or one of the usual aliases (scheme,
   * user, path, query, fragment, as {@code --get} calls them); null when there is none.
   */
  public static UrlComponent byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "href", "url" -> HREF;
      case "protocol", "scheme" -> PROTOCOL;
      case "username", "user" -> USERNAME;
      case "password" -> PASSWORD;
      case "host" -> HOST;
      case "hostname" -> HOSTNAME;
      case "port" -> PORT;
      case "pathname", "path" -> PATHNAME;
      case "search", "query" -> SEARCH;
      case "hash", "fragment" -> HASH;
      default -> null;
    };
  }
}
