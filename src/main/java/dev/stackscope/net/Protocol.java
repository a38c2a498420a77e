package dev.stackscope.net;

/** The transport protocol of a socket. */
public enum Protocol {
  TCP,
  UDP;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
