package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RegistryEntry;
import dev.stackscope.ip.SpecialRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The class of an IP address: loopback, private (RFC 1918), shared (RFC 6598 CGNAT), link-local,
 * unique-local (fc00::/7), multicast, unspecified (0.0.0.0, ::), documentation (192.0.2.0/24,
 * 2001:db8::/32, …), benchmarking (198.18.0.0/15, 2001:2::/48), reserved (240.0.0.0/4, site-local
 * fec0::/10, … — not routed on the internet) or global. IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d) are classified as their IPv4 address. The common classes are decided here
 * without a table; an address that would be global is looked up in the IANA special-purpose
 * registries ({@link SpecialRegistry}, loaded on the first such address).
 */
public enum AddressScope {
  UNSPECIFIED("unspecified"),
  LOOPBACK("loopback"),
  PRIVATE("private"),
  SHARED("shared"),
  LINK_LOCAL("link-local"),
  UNIQUE_LOCAL("unique-local"),
  MULTICAST("multicast"),
  DOCUMENTATION("documentation"),
  BENCHMARKING("benchmarking"),
  RESERVED("reserved"),
  GLOBAL("global");

  private final String label;

  AddressScope(String label) {
    this.label = label;
  }

  public static AddressScope of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Mapped(b)) {
      b = new byte[] {b[12], b[13], b[14], b[15]};
    }
    AddressScope scope =
        b.length == 4 ? ofIpv4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff) : ofIpv6(b);
    return scope == GLOBAL ? special(b) : scope;
  }

  /** Global unless the IANA registries say it is not routed on the internet. */
  private static AddressScope special(byte[] b) {
    RegistryEntry entry = SpecialRegistry.standard().lookup(IpAddress.fromBytes(b));
    if (entry == null) {
      return GLOBAL;
    }
    return switch (entry.verdict()) {
      case DOCUMENTATION -> DOCUMENTATION;
      case BENCHMARKING -> BENCHMARKING;
      case RESERVED -> RESERVED;
      default -> GLOBAL; // the registry's other verdicts are the ones decided above, or global
    };
  }

  private static AddressScope ofIpv4(int a, int b, int c, int d) {
    if ((a | b | c | d) == 0) {
      return UNSPECIFIED;
    }
    if (a == 127) {
      return LOOPBACK;
    }
    if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      return PRIVATE;
    }
    if (a == 100 && (b & 0xc0) == 64) {
      return SHARED;
    }
    if (a == 169 && b == 254) {
      return LINK_LOCAL;
    }
    if (a >= 224 && a <= 239) {
      return MULTICAST;
    }
    return GLOBAL;
  }

  private static AddressScope ofIpv6(byte[] b) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 15; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix && b[15] == 0) {
      return UNSPECIFIED;
    }
    if (zeroPrefix && b[15] == 1) {
      return LOOPBACK;
    }
    int first = b[0] & 0xff;
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if ((first & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL;
    }
    if (first == 0xff) {
      return MULTICAST;
    }
    return GLOBAL;
  }

  /** {@code ::ffff:127.0.0.1} as {@code 127.0.0.1}; other addresses unchanged. */
  public static InetAddress unmap(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Mapped(b)) {
      try {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException("four bytes are always an IPv4 address", e);
      }
    }
    return address;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  /** Who can reach a socket bound to an address of this class. */
  public Reach reach() {
    return switch (this) {
      case UNSPECIFIED -> Reach.ALL_INTERFACES;
      case LOOPBACK -> Reach.LOOPBACK;
      case PRIVATE, SHARED, UNIQUE_LOCAL -> Reach.PRIVATE;
      case LINK_LOCAL -> Reach.LINK_LOCAL;
      // not routed on the internet: reachable at most on the networks that use them locally
      case DOCUMENTATION, BENCHMARKING, RESERVED -> Reach.PRIVATE;
      case MULTICAST, GLOBAL -> Reach.PUBLIC;
    };
  }

  /** Who can reach a socket bound to {@code address}. */
  public static Reach reachOf(InetAddress address) {
    return of(address).reach();
  }

  /** Parses a literal address (no name lookups); for tests and user input. */
  public static InetAddress literal(String text) {
    String allowed = text.indexOf(':') >= 0 ? "0123456789abcdefABCDEF:." : "0123456789.";
    if (text.isEmpty() || !text.chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
