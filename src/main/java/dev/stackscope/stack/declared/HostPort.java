package dev.stackscope.stack.declared;

/** A {@code host:port}, {@code [v6]:port} or bare host as configuration files write them. */
record HostPort(String host, int port) {
  /** Parsed, or null when malformed or without a port and {@code defaultPort} is 0. */
  static HostPort parse(String v, int defaultPort) {
    if (v.isEmpty() || v.length() > 300) {
      return null;
    }
    String host;
    String port = null;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 2) {
        return null;
      }
      host = v.substring(1, close);
      String rest = v.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        return null;
      }
    } else {
      int colon = v.lastIndexOf(':');
      if (colon >= 0 && v.indexOf(':') != colon) {
        return null; // an IPv6 address without brackets: no way to tell its port
      }
      host = colon < 0 ? v : v.substring(0, colon);
      port = colon < 0 ? null : v.substring(colon + 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= ' ' || c == '/' || c == '@' || c == '"' || c == '\'' || c == 0x7f) {
        return null;
      }
    }
    int p = defaultPort;
    if (port != null) {
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
        return null;
      }
      p = Integer.parseInt(port);
    }
    if (p < 1 || p > 65535) {
      return null;
    }
    return new HostPort(host, p);
  }
}
