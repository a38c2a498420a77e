package dev.stackscope.dns;

/** How a query travels. */
public enum Protocol {
  UDP,
  TCP;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
