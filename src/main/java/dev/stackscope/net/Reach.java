package dev.stackscope.net;

import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.Verdict;
import java.net.InetAddress;

/**
 * Who can reach a socket bound to a local address — the answer to "is my database exposed?". Shown
 * as the SCOPE of {@code ports}.
 */
public enum Reach {
  ALL_INTERFACES("all interfaces"),
  LOOPBACK("loopback only"),
  PRIVATE("private network"),
  LINK_LOCAL("link-local"),
  PUBLIC("public");

  private final String label;

  Reach(String label) {
    this.label = label;
  }

  /** Who can reach a socket bound to an address with this verdict ({@code ip}'s classes). */
  public static Reach of(Verdict verdict) {
    return switch (verdict) {
      case UNSPECIFIED -> ALL_INTERFACES;
      case LOOPBACK -> LOOPBACK;
      case LINK_LOCAL -> LINK_LOCAL;
      // not routed on the internet: reachable at most on the networks that use them locally
      case PRIVATE, SHARED, DOCUMENTATION, BENCHMARKING, RESERVED -> PRIVATE;
      // MIXED is a verdict of blocks, never of one address; the wider answer is the safe one
      case MULTICAST, GLOBAL, MIXED -> PUBLIC;
    };
  }

  /**
   * Who can reach a socket bound to {@code address} (an IPv4-mapped address counts as its IPv4).
   */
  public static Reach of(InetAddress address) {
    return of(AddressClassifier.standard().verdict(IpAddress.of(address)));
  }

  @Override
  public String toString() {
    return label;
  }
}
