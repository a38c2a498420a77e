package dev.stackscope.ip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reverse DNS names: the PTR name of an address ({@code 4.3.2.1.in-addr.arpa}, 32 nibbles under
 * {@code ip6.arpa}, as Python's {@code reverse_pointer} writes them: no final dot, no zone id), and
 * the reverse zones that hold a block's names. A zone ends on a label, so IPv4 zones come on octet
 * boundaries and IPv6 zones on nibble boundaries: a block between two boundaries takes every zone
 * of the next boundary down ({@code 10.0.0.0/22}: four /24 zones). An IPv4 block smaller than a /24
 * (/25 to /31) has no zone of its own: its names live in the /24's zone, and a delegation to
 * whoever holds the block follows RFC 2317 — a sub-zone named {@code
 * FIRST/PREFIX.c.b.a.in-addr.arpa} and, in the parent, a CNAME for each address into it.
 */
public final class ReverseZones {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ReverseZones() {}

  /**
   * What reverse DNS has for one block.
   *
   * @param zones the zones holding the block's names, in address order (an IPv4 /17 has 128, an
   *     IPv6 block at most 8)
   * @param rfc2317 for IPv4 blocks of /25 to /31, the RFC 2317 sub-zones a delegation would use
   *     (their CNAMEs in the /24 zone that holds the names); otherwise empty
   */
  public record Zones(List<String> zones, List<String> rfc2317) {}

  /** The PTR name of an address (the zone id, if any, plays no part). */
  public static String pointer(IpAddress a) {
    return name(a, a.bits() / (a.version() == 4 ? 8 : 4));
  }

  /**
   * The name of the first {@code labels} octets (IPv4) or nibbles (IPv6) of {@code a}, reversed,
   * under {@code in-addr.arpa} or {@code ip6.arpa}.
   */
  static String name(IpAddress a, int labels) {
    StringBuilder sb = new StringBuilder(a.version() == 4 ? 29 : 73);
    if (a.version() == 4) {
      long v = a.v4Value();
      for (int i = labels - 1; i >= 0; i--) {
        sb.append((v >>> (24 - 8 * i)) & 0xFF).append('.');
      }
      return sb.append("in-addr.arpa").toString();
    }
    for (int i = labels - 1; i >= 0; i--) {
      long word = i < 16 ? a.hi() : a.lo();
      int nibble = (int) (word >>> (60 - 4 * (i & 15))) & 0xF;
      sb.append(HEX[nibble]).append('.');
    }
    return sb.append("ip6.arpa").toString();
  }

  /** The zones of one block. */
  public static Zones of(Cidr block) {
    IpAddress network = block.network();
    int unit = network.version() == 4 ? 8 : 4;
    int prefix = block.prefix();
    if (network.version() == 4 && prefix > 24) {
      String parent = name(network, 3);
      return new Zones(
          List.of(parent),
          prefix == 32
              ? List.of()
              : List.of((network.v4Value() & 0xFF) + "/" + prefix + "." + parent));
    }
    int boundary = (prefix + unit - 1) / unit * unit;
    List<String> zones = new ArrayList<>();
    for (Cidr c : boundary == prefix ? List.of(block) : block.subnets(boundary)) {
      zones.add(name(c.network(), boundary / unit));
    }
    return new Zones(zones, List.of());
  }

  /**
   * The zones of several blocks (a range's cover), each once, in order, and the RFC 2317 sub-zones
   * among them.
   */
  public static Zones of(List<Cidr> blocks) {
    Set<String> zones = new LinkedHashSet<>();
    List<String> delegated = new ArrayList<>();
    for (Cidr c : blocks) {
      Zones z = of(c);
      zones.addAll(z.zones());
      delegated.addAll(z.rfc2317());
    }
    return new Zones(List.copyOf(zones), delegated);
  }
}
