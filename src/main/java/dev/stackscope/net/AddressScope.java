package dev.stackscope.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The class of an IP address: loopback, private (RFC 1918), shared (RFC 6598 CGNAT), link-local,
 * unique-local (fc00::/7), multicast, unspecified (0.0.0.0, ::) or global. IPv4-mapped IPv6
 * addresses (::ffff:a.b.c.d) are classified as their IPv4 address. A deliberately small classifier
 * for ports and interfaces; the {@code ip} package holds the full IANA registries.
 */
public enum AddressScope {
  UNSPECIFIED("unspecified"),
  LOOPBACK("loopback"),
  PRIVATE("private"),
  SHARED("shared"),
  LINK_LOCAL("link-local"),
  UNIQUE_LOCAL("unique-local"),
  MULTICAST("multicast"),
  GLOBAL("global");

  private final String label;

  AddressScope(String label) {
    this.label = label;
  }

  public static AddressScope of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Mapped(b)) {
      return ofIpv4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff, b[15] & 0xff);
    }
    if (b.length == 4) {
      return ofIpv4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
    return ofIpv6(b);
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
