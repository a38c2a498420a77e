package dev.stackscope.dns;

/** How a query travels. */
public enum Protocol {
  UDP,
  TCP,
  /** DNS over TLS (RFC 7858). */
  TLS,
  /** DNS over HTTPS (RFC 8484). */
  HTTPS;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
