package dev.stackscope.ip;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Which way a packet to an address leaves this host, as the kernel's routing tables say: every
 * route of {@code /proc/net/route} (IPv4, the main table) and {@code /proc/net/ipv6_route}, the
 * longest matching prefix winning, then the lowest metric. A route with a gateway sends the packet
 * to that next hop; one without (the interface's own subnet, a link-local or point-to-point route)
 * delivers it directly on the link. Policy routing ({@code ip rule}) is not followed.
 */
public final class RouteLookup {
  private static final int RTF_UP = 0x0001;
  private static final int RTF_GATEWAY = 0x0002;
  private static final int RTF_REJECT = 0x0200;
  private static final IpAddress LINK_LOCAL_V6 = IpAddress.v6(0xfe80L << 48, 0);

  /**
   * One route.
   *
   * @param destination the network (its address), with {@code prefixLength}
   * @param gateway the next hop, or null when the destination is on the link (no gateway)
   * @param interfaceName the interface the packet leaves by
   * @param reject an unreachable/prohibit route: packets to it are refused, not sent
   */
  public record Route(
      IpAddress destination,
      int prefixLength,
      IpAddress gateway,
      String interfaceName,
      long metric,
      boolean reject) {
    /** Whether the destination is reached directly on the link, without a gateway. */
    public boolean onLink() {
      return gateway == null;
    }
  }

  private final List<Route> routes;
  private final IntFunction<String> interfaceNames;

  /**
   * A lookup over {@code routes}; {@code interfaceNames} names an interface by its index (for a
   * numeric zone such as {@code fe80::1%2}), null when there is none.
   */
  public RouteLookup(List<Route> routes, IntFunction<String> interfaceNames) {
    this.routes = List.copyOf(routes);
    this.interfaceNames = interfaceNames;
  }

  /** This host's routes, read now (none of a family whose table cannot be read). */
  public static RouteLookup system() {
    return new RouteLookup(read(Path.of("/proc")), RouteLookup::interfaceName);
  }

  /**
   * The route a packet to {@code destination} takes, or null when there is none (or it is a reject
   * route). A link-local IPv6 address leaves on the interface its zone names (its route is {@code
   * fe80::/64} on every interface); without a zone the interface is unknown, and the result is
   * on-link with a null interface name.
   */
  public Route route(IpAddress destination) {
    IpAddress d = destination.unmapped();
    if (d.version() == 6 && d.inPrefix(LINK_LOCAL_V6, 10)) {
      String zone = d.zone();
      if (zone != null && !zone.isEmpty() && zone.chars().allMatch(Character::isDigit)) {
        zone = zone.length() <= 9 ? interfaceNames.apply(Integer.parseInt(zone)) : null;
      }
      return new Route(LINK_LOCAL_V6, 10, null, zone, 0, false);
    }
    Route best = null;
    for (Route r : routes) {
      if (r.destination().version() != d.version()
          || !d.withoutZone().inPrefix(r.destination(), r.prefixLength())) {
        continue;
      }
      if (best == null
          || r.prefixLength() > best.prefixLength()
          || (r.prefixLength() == best.prefixLength() && r.metric() < best.metric())) {
        best = r;
      }
    }
    return best == null || best.reject() ? null : best;
  }

  /** Every route in {@code /proc/net/route} text (addresses: 32-bit hex in host byte order). */
  public static List<Route> parseIpv4(String text) {
    List<Route> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface")) {
        continue;
      }
      try {
        long dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16)) & 0xFFFF_FFFFL;
        long gateway = Integer.reverseBytes((int) Long.parseLong(f[2], 16)) & 0xFFFF_FFFFL;
        int flags = Integer.parseInt(f[3], 16);
        long metric = Long.parseLong(f[6]);
        long mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16)) & 0xFFFF_FFFFL;
        int prefix = Long.bitCount(mask);
        if ((flags & RTF_UP) == 0 || mask != IpAddress.v4Mask(prefix)) {
          continue;
        }
        IpAddress next = (flags & RTF_GATEWAY) != 0 && gateway != 0 ? IpAddress.v4(gateway) : null;
        out.add(
            new Route(IpAddress.v4(dest), prefix, next, f[0], metric, (flags & RTF_REJECT) != 0));
      } catch (NumberFormatException e) {
        // not a route line
      }
    }
    return out;
  }

  /**
   * Every route in {@code /proc/net/ipv6_route} text (destination, prefix length, source, source
   * prefix length, next hop, metric, refcount, use, flags, interface; addresses as 32 hex digits in
   * network order, numbers in hex).
   */
  public static List<Route> parseIpv6(String text) {
    List<Route> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || f[0].length() != 32 || f[4].length() != 32) {
        continue;
      }
      try {
        int prefix = Integer.parseInt(f[1], 16);
        long metric = Long.parseLong(f[5], 16);
        int flags = (int) Long.parseLong(f[8], 16);
        IpAddress next = hex128(f[4]);
        if ((flags & RTF_UP) == 0 || prefix > 128) {
          continue;
        }
        boolean viaGateway = next.hi() != 0 || next.lo() != 0;
        out.add(
            new Route(
                hex128(f[0]),
                prefix,
                viaGateway ? next : null,
                f[9],
                metric,
                (flags & RTF_REJECT) != 0));
      } catch (NumberFormatException e) {
        // not a route line
      }
    }
    return out;
  }

  /** Both tables under {@code procRoot}; a table that cannot be read gives no routes. */
  public static List<Route> read(Path procRoot) {
    List<Route> out = new ArrayList<>(parseIpv4(readOrEmpty(procRoot.resolve("net/route"))));
    out.addAll(parseIpv6(readOrEmpty(procRoot.resolve("net/ipv6_route"))));
    return out;
  }

  private static String readOrEmpty(Path p) {
    try {
      return Files.readString(p); // the kernel's table: no size limit of ours needed
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static IpAddress hex128(String s) {
    return IpAddress.v6(
        Long.parseUnsignedLong(s.substring(0, 16), 16),
        Long.parseUnsignedLong(s.substring(16), 16));
  }

  /** The name of the interface with this index, or null. */
  public static String interfaceName(int index) {
    try {
      NetworkInterface ni = NetworkInterface.getByIndex(index);
      return ni == null ? null : ni.getName();
    } catch (SocketException e) {
      return null;
    }
  }
}
