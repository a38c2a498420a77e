package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RouteLookup;
import java.util.List;

/**
 * Which way this host would send a packet to an address, as {@code ip route get} answers it, from
 * the routing tables ({@link RouteLookup}) and the interfaces' addresses ({@link Links}): an
 * address of this host's own (or in 127.0.0.0/8, or ::1) is delivered locally through the loopback
 * interface; otherwise the longest matching route gives the interface and the gateway, and the
 * source is the interface's address the kernel would pick — IPv4: the first address whose subnet
 * holds the next hop, else the interface's first; IPv6 (RFC 6724, rules 2 and 8 on the interface):
 * the same scope as the destination, then the longest common prefix. Policy routing ({@code ip
 * rule}) and a route's preferred source ({@code src}, absent from {@code /proc/net/route}) are not
 * seen.
 */
public final class OutboundRoute {
  /**
   * The answer for one destination.
   *
   * @param own the destination is one of this host's addresses (or loopback): delivered locally
   * @param route the matching route (null for a local delivery or when there is none)
   * @param interfaceName the interface the packet leaves by (the loopback one for a local delivery)
   * @param holder for an own address, the interface that has it
   * @param source the source address the host would use, or null when the interface has none
   * @param gateway the next hop, or null when the destination is on the link (or local)
   */
  public record Answer(
      IpAddress destination,
      boolean own,
      RouteLookup.Route route,
      String interfaceName,
      String holder,
      IpAddress source,
      IpAddress gateway) {
    /** Whether any route leads there (local delivery included). */
    public boolean reachable() {
      return own || route != null;
    }
  }

  private static final IpAddress LOOPBACK_V4 = IpAddress.v4(0x7F00_0000L);
  private static final IpAddress LOOPBACK_V6 = IpAddress.v6(0, 1);
  private static final IpAddress LINK_LOCAL_V6 = IpAddress.v6(0xfe80L << 48, 0);

  private final RouteLookup routes;
  private final List<Links.Link> links;

  public OutboundRoute(RouteLookup routes, List<Links.Link> links) {
    this.routes = routes;
    this.links = List.copyOf(links);
  }

  public Answer of(IpAddress destination) {
    IpAddress d = destination.unmapped();
    IpAddress bare = d.withoutZone();
    String loopback = loopbackName();
    for (Links.Link l : links) {
      for (Links.LinkAddress a : l.addresses()) {
        if (a.address().withoutZone().equals(bare)) {
          return new Answer(d, true, null, loopback, l.name(), bare, null);
        }
      }
    }
    if (bare.inPrefix(LOOPBACK_V4, 8) || bare.equals(LOOPBACK_V6)) {
      // the rest of 127.0.0.0/8 is local too; the kernel answers from the loopback's address
      IpAddress source = source(loopback, bare);
      return new Answer(d, true, null, loopback, loopback, source != null ? source : bare, null);
    }
    RouteLookup.Route r = routes.route(d);
    if (r == null) {
      return new Answer(d, false, null, null, null, null, null);
    }
    // IPv4 picks by the next hop (the kernel's inet_select_addr), IPv6 by the destination
    IpAddress by = r.gateway() != null && bare.version() == 4 ? r.gateway() : bare;
    return new Answer(
        d, false, r, r.interfaceName(), null, source(r.interfaceName(), by), r.gateway());
  }

  private String loopbackName() {
    for (Links.Link l : links) {
      if (l.loopback()) {
        return l.name();
      }
    }
    return "lo";
  }

  /** The source address on the interface for a packet towards {@code nextHop}. */
  private IpAddress source(String interfaceName, IpAddress nextHop) {
    Links.Link link = null;
    for (Links.Link l : links) {
      if (l.name().equals(interfaceName)) {
        link = l;
      }
    }
    if (link == null) {
      return null;
    }
    IpAddress first = null;
    IpAddress best = null;
    int bestCommon = -1;
    boolean linkLocal = nextHop.version() == 6 && nextHop.inPrefix(LINK_LOCAL_V6, 10);
    for (Links.LinkAddress la : link.addresses()) {
      IpAddress a = la.address().withoutZone();
      if (a.version() != nextHop.version()) {
        continue;
      }
      if (a.version() == 4) {
        if (first == null) {
          first = a;
        }
        if (nextHop.inPrefix(a, la.prefixLength())) {
          return a;
        }
        continue;
      }
      boolean aLinkLocal = a.inPrefix(LINK_LOCAL_V6, 10);
      int common = commonPrefix(a, nextHop) + (aLinkLocal == linkLocal ? 256 : 0);
      if (common > bestCommon) {
        best = a;
        bestCommon = common;
      }
    }
    return nextHop.version() == 4 ? first : best;
  }

  private static int commonPrefix(IpAddress a, IpAddress b) {
    long x = a.hi() ^ b.hi();
    return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(a.lo() ^ b.lo());
  }
}
