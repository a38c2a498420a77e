package dev.stackscope.ip;

/** The plain-language kind of an address, with what it means for reaching it. */
public enum Verdict {
  PRIVATE(
      "private",
      "private network (RFC 1918 / unique-local): not routable on the internet; "
          + "reached from outside only through NAT or a tunnel at a router"),
  SHARED(
      "shared",
      "shared address space (carrier-grade NAT, RFC 6598): neither private nor "
          + "global; not routable on the internet, translated by the provider's NAT"),
  LOOPBACK("loopback", "this host only: never leaves the machine"),
  LINK_LOCAL("link-local", "valid only on the local link: not forwarded by routers"),
  DOCUMENTATION("documentation", "for examples and documentation only: never used on a network"),
  BENCHMARKING("benchmarking", "for benchmarking networks only: not routable on the internet"),
  MULTICAST("multicast", "a group address: delivered to every member of the group in its scope"),
  UNSPECIFIED(
      "unspecified", "no address: a source before one is assigned, or 'any' for a listener"),
  RESERVED("reserved", "reserved: not routable on the internet"),
  GLOBAL("global", "globally routable unicast: reachable from the internet unless filtered"),
  MIXED("mixed", "the block spans several kinds of address (see its overlaps)");

  private final String label;
  private final String meaning;

  Verdict(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }

  public static Verdict ofLabel(String label) {
    for (Verdict v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict " + label);
  }

  @Override
  public String toString() {
    return label;
  }
}
