package dev.stackscope.stack;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The order a client tries a host's addresses in (RFC 8305 section 4, "Happy Eyeballs"): sorted by
 * RFC 6724's default precedence (IPv6 loopback, then IPv6, then IPv4, then transitional and ULA
 * space), then IPv6 and IPv4 interleaved, starting with the family the sort put first, so that a
 * family that does not work costs one attempt before the other family gets its turn.
 */
final class ConnectOrder {
  private ConnectOrder() {}

  /**
   * The addresses in the order to try them; each family keeps its own order apart from the sort.
   */
  static List<InetAddress> of(List<InetAddress> addresses) {
    List<InetAddress> sorted = new ArrayList<>(addresses);
    // stable: addresses of equal precedence keep the resolver's order
    sorted.sort((a, b) -> Integer.compare(precedence(b), precedence(a)));
    List<InetAddress> v6 = new ArrayList<>();
    List<InetAddress> v4 = new ArrayList<>();
    for (InetAddress a : sorted) {
      (a instanceof Inet4Address ? v4 : v6).add(a);
    }
    boolean sixFirst = !sorted.isEmpty() && !(sorted.get(0) instanceof Inet4Address);
    List<InetAddress> first = sixFirst ? v6 : v4;
    List<InetAddress> second = sixFirst ? v4 : v6;
    List<InetAddress> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      if (i < first.size()) {
        out.add(first.get(i));
      }
      if (i < second.size()) {
        out.add(second.get(i));
      }
    }
    return out;
  }

  /** The precedence of RFC 6724's default policy table (section 2.1): higher is tried first. */
  static int precedence(InetAddress a) {
    if (a instanceof Inet4Address) {
      return 35; // ::ffff:0:0/96
    }
    byte[] b = a.getAddress();
    if (a.isLoopbackAddress()) {
      return 50; // ::1/128
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0x20 && b1 == 0x02) {
      return 30; // 2002::/16, 6to4
    }
    if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
      return 5; // 2001::/32, Teredo
    }
    if ((b0 & 0xfe) == 0xfc) {
      return 3; // fc00::/7, unique local
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return 1; // fec0::/10, site local (deprecated)
    }
    if (b0 == 0x3f && b1 == 0xfe) {
      return 1; // 3ffe::/16, 6bone (returned)
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 12; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix) {
      return 1; // ::/96, IPv4-compatible (deprecated)
    }
    return 40; // ::/0
  }
}
