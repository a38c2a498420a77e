package dev.stackscope.ip;

/**
 * What {@code nat} concludes about address translation: from STUN when asked, else a hint from the
 * local addresses and routes alone. The sentences are the output layer's.
 */
public enum NatAssessment {
  /** STUN saw this host's own address and port. */
  NOT_BEHIND_NAT("not-behind-nat"),
  /** STUN saw another, global, address or port. */
  BEHIND_NAT("behind-nat"),
  /** STUN saw a non-global address: more NAT further out (e.g. carrier-grade NAT). */
  BEHIND_MORE_NAT("behind-more-nat"),
  /** No default route: this host reaches no other network. */
  NO_DEFAULT_ROUTE("no-default-route"),
  /** An interface that is up holds a global IPv4 address. */
  GLOBAL_IPV4("global-ipv4"),
  /** Only private or shared IPv4 addresses: a router translates on the way out. */
  PRIVATE_IPV4_ONLY("private-ipv4-only"),
  /** No private or global IPv4 address on an interface that is up. */
  NO_IPV4("no-ipv4");

  private final String code;

  NatAssessment(String code) {
    this.code = code;
  }

  /** Whether STUN decided it (rather than the local addresses). */
  public boolean fromStun() {
    return this == NOT_BEHIND_NAT || this == BEHIND_NAT || this == BEHIND_MORE_NAT;
  }

  @Override
  public String toString() {
    return code;
  }
}
