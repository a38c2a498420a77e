package dev.stackscope.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default gateways from {@code /proc/net/route} and {@code /proc/net/ipv6_route}: the default
 * routes of {@link RouteLookup}'s parsers, and a reader under a configurable {@code /proc} root
 * that says when a table cannot be read.
 */
public final class DefaultRoutes {
  /** One default route: the next hop, the interface, and the route's metric. */
  public record Gateway(IpAddress address, String interfaceName, long metric) {}

  private DefaultRoutes() {}

  /** Default routes in {@code /proc/net/route} text (destination 0.0.0.0/0 via a gateway). */
  public static List<Gateway> parseIpv4(String text) {
    return defaults(RouteLookup.parseIpv4(text));
  }

  /** Default routes in {@code /proc/net/ipv6_route} text (destination ::/0 via a next hop). */
  public static List<Gateway> parseIpv6(String text) {
    return defaults(RouteLookup.parseIpv6(text));
  }

  /** The default routes among {@code routes} (one parser: {@link RouteLookup}'s), by metric. */
  static List<Gateway> defaults(List<RouteLookup.Route> routes) {
    List<Gateway> out = new ArrayList<>();
    for (RouteLookup.Route r : routes) {
      if (r.prefixLength() == 0 && r.gateway() != null && !r.reject()) {
        out.add(new Gateway(r.gateway(), r.interfaceName(), r.metric()));
      }
    }
    out.sort(java.util.Comparator.comparingLong(Gateway::metric));
    return out;
  }

  /** Reads both tables under {@code procRoot}; a missing file gives no routes of that family. */
  public static List<Gateway> read(Path procRoot) throws IOException {
    List<Gateway> out = new ArrayList<>(parseIpv4(readOrEmpty(procRoot.resolve("net/route"))));
    out.addAll(parseIpv6(readOrEmpty(procRoot.resolve("net/ipv6_route"))));
    return out;
  }

  private static String readOrEmpty(Path p) throws IOException {
    try {
      return Files.readString(p);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}
