package dev.stackscope.url;

/** What kind of host a URL has (the URL Standard's host kinds, plus "empty"). */
public enum HostType {
  DOMAIN("domain"),
  IPV4("ipv4"),
  IPV6("ipv6"),
  OPAQUE("opaque"),
  EMPTY("empty");

  private final String label;

  HostType(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
