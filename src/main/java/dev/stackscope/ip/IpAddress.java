package dev.stackscope.ip;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as a 128-bit value in two longs (IPv4 in the low 32 bits of {@code lo}),
 * with an optional IPv6 zone id. Immutable and cheap: classification of a million addresses
 * allocates one of these per address and nothing else. Not a record on purpose: JSON output shows
 * it by {@link #toString()}, its canonical text.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final int version;
  private final long hi;
  private final long lo;
  private final String zone;

  /**
   * @param version 4 or 6
   * @param hi the high 64 bits (always 0 for IPv4)
   * @param lo the low 64 bits
   * @param zone the IPv6 zone id ({@code eth0} in {@code fe80::1%eth0}), or null
   */
  public IpAddress(int version, long hi, long lo, String zone) {
    this.version = version;
    this.hi = hi;
    this.lo = lo;
    this.zone = zone;
  }

  public int version() {
    return version;
  }

  public long hi() {
    return hi;
  }

  public long lo() {
    return lo;
  }

  public String zone() {
    return zone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a
        && a.version == version
        && a.hi == hi
        && a.lo == lo
        && java.util.Objects.equals(a.zone, zone);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(version, hi, lo, zone);
  }

  public static IpAddress v4(long value) {
    return new IpAddress(4, 0, value & 0xFFFF_FFFFL, null);
  }

  public static IpAddress v6(long hi, long lo) {
    return new IpAddress(6, hi, lo, null);
  }

  /** From network-order bytes: 4 for IPv4, 16 for IPv6 (as {@code InetAddress.getAddress()}). */
  public static IpAddress fromBytes(byte[] b) {
    if (b.length == 4) {
      return v4(
          ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL));
    }
    if (b.length == 16) {
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (b[i] & 0xFFL);
        lo = (lo << 8) | (b[i + 8] & 0xFFL);
      }
      return v6(hi, lo);
    }
    throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + b.length);
  }

  /**
   * From a JDK address, without a lookup: its bytes, and for a scoped IPv6 address its zone (the
   * interface's name, also for a bare scope id that an interface here has, else the number). The
   * JDK already turns an IPv4-mapped IPv6 address into an {@code Inet4Address}.
   */
  public static IpAddress of(InetAddress address) {
    IpAddress a = fromBytes(address.getAddress());
    if (address instanceof Inet6Address v6) {
      if (v6.getScopedInterface() != null) {
        return a.withZone(v6.getScopedInterface().getName());
      }
      if (v6.getScopeId() != 0) {
        // the JDK keeps only the index when the interface has no link-local address (lo): name it
        String name = RouteLookup.interfaceName(v6.getScopeId());
        return a.withZone(name != null ? name : Integer.toString(v6.getScopeId()));
      }
    }
    return a;
  }

  /** The canonical text of a JDK address ({@link #toString()}), or null for null. */
  public static String text(InetAddress address) {
    return address == null ? null : of(address).toString();
  }

  /**
   * As a JDK address, without a lookup. A zone becomes the scope: a number as is; a name as that
   * interface (its index when the JDK finds no matching address on it), dropped when no interface
   * here has that name.
   */
  public InetAddress toInetAddress() {
    try {
      if (zone == null) {
        return InetAddress.getByAddress(toBytes());
      }
      if (zone.chars().allMatch(c -> c >= '0' && c <= '9') && zone.length() <= 9) {
        return Inet6Address.getByAddress(null, toBytes(), Integer.parseInt(zone));
      }
      NetworkInterface ni = interfaceNamed(zone);
      if (ni == null) {
        return InetAddress.getByAddress(toBytes());
      }
      try {
        return Inet6Address.getByAddress(null, toBytes(), ni);
      } catch (UnknownHostException e) {
        return Inet6Address.getByAddress(null, toBytes(), ni.getIndex());
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  private static NetworkInterface interfaceNamed(String name) {
    try {
      return NetworkInterface.getByName(name);
    } catch (SocketException e) {
      return null;
    }
  }

  public int bits() {
    return version == 4 ? 32 : 128;
  }

  public IpAddress withZone(String zoneId) {
    return new IpAddress(version, hi, lo, zoneId);
  }

  public IpAddress withoutZone() {
    return zone == null ? this : new IpAddress(version, hi, lo, null);
  }

  /**
   * An IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}) as its IPv4 address, which is what a
   * dual-stack socket reaches; any other address as it is.
   */
  public IpAddress unmapped() {
    return version == 6 && hi == 0 && (lo >>> 32) == 0xFFFFL ? v4(lo) : this;
  }

  /** The IPv4 value as an unsigned 32-bit number (IPv4 only). */
  public long v4Value() {
    return lo;
  }

  /** Network-order bytes (4 or 16). */
  public byte[] toBytes() {
    if (version == 4) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[i + 8] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  public BigInteger toBigInteger() {
    if (version == 4) {
      return BigInteger.valueOf(lo);
    }
    return new BigInteger(1, withoutZone().toBytes());
  }

  /** The 16-bit group {@code i} (0..7) of an IPv6 address. */
  public int group(int i) {
    long word = i < 4 ? hi : lo;
    return (int) (word >>> (48 - 16 * (i & 3))) & 0xFFFF;
  }

  /** The first {@code prefix} bits kept, the rest zero (zone dropped). */
  public IpAddress network(int prefix) {
    if (version == 4) {
      return v4(lo & v4Mask(prefix));
    }
    return v6(hi & hiMask(prefix), lo & loMask(prefix));
  }

  /** The first {@code prefix} bits kept, the rest one (zone dropped). */
  public IpAddress lastInPrefix(int prefix) {
    if (version == 4) {
      return v4(lo | ~v4Mask(prefix));
    }
    return v6(hi | ~hiMask(prefix), lo | ~loMask(prefix));
  }

  /** Whether this address lies in {@code network/prefix} (same family). */
  public boolean inPrefix(IpAddress network, int prefix) {
    if (version != network.version) {
      return false;
    }
    if (version == 4) {
      long m = v4Mask(prefix);
      return (lo & m) == (network.lo & m);
    }
    return (hi & hiMask(prefix)) == (network.hi & hiMask(prefix))
        && (lo & loMask(prefix)) == (network.lo & loMask(prefix));
  }

  static long v4Mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
  }

  static long hiMask(int prefix) {
    if (prefix <= 0) {
      return 0;
    }
    return prefix >= 64 ? -1L : -1L << (64 - prefix);
  }

  static long loMask(int prefix) {
    if (prefix <= 64) {
      return 0;
    }
    return prefix >= 128 ? -1L : -1L << (128 - prefix);
  }

  /** The netmask of a prefix length in this family. */
  public static IpAddress netmask(int version, int prefix) {
    return version == 4 ? v4(v4Mask(prefix)) : v6(hiMask(prefix), loMask(prefix));
  }

  /** This address plus one (wrapping is the caller's concern: check {@link #isMax} first). */
  public IpAddress next() {
    if (version == 4) {
      return v4(lo + 1);
    }
    long nlo = lo + 1;
    return v6(nlo == 0 ? hi + 1 : hi, nlo);
  }

  public IpAddress previous() {
    if (version == 4) {
      return v4(lo - 1);
    }
    return v6(lo == 0 ? hi - 1 : hi, lo - 1);
  }

  public boolean isMax() {
    return version == 4 ? lo == 0xFFFF_FFFFL : hi == -1L && lo == -1L;
  }

  @Override
  public int compareTo(IpAddress o) {
    if (version != o.version) {
      return Integer.compare(version, o.version);
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run as {@code ::}). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(version == 4 ? 15 : 39);
    if (version == 4) {
      appendV4(sb, lo);
      return sb.toString();
    }
    if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
      sb.append("::ffff:");
      appendV4(sb, lo & 0xFFFF_FFFFL);
    } else {
      appendV6(sb);
    }
    if (zone != null) {
      sb.append('%').append(zone);
    }
    return sb.toString();
  }

  private static void appendV4(StringBuilder sb, long v) {
    sb.append((v >>> 24) & 0xFF).append('.').append((v >>> 16) & 0xFF).append('.');
    sb.append((v >>> 8) & 0xFF).append('.').append(v & 0xFF);
  }

  private void appendV6(StringBuilder sb) {
    int bestStart = -1;
    int bestLen = 1; // RFC 5952 4.2.2: a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      if (group(i) != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && group(j) == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(group(i)));
    }
  }

  /** RFC 5952 text without the mixed IPv4 notation (for masks, which are not addresses). */
  public String toPlainString() {
    if (version == 4) {
      return toString();
    }
    StringBuilder sb = new StringBuilder(39);
    appendV6(sb);
    return sb.toString();
  }

  /** All eight groups written out in four hex digits each. */
  public String toFullString() {
    if (version == 4) {
      return toString();
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i > 0) {
        sb.append(':');
      }
      String g = Integer.toHexString(group(i));
      sb.append("0".repeat(4 - g.length())).append(g);
    }
    return sb.toString();
  }
}
