package dev.stackscope.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default gateways from {@code /proc/net/route} and {@code /proc/net/ipv6_route}: pure parsers
 * over the kernel's text, and a reader under a configurable {@code /proc} root.
 */
public final class DefaultRoutes {
  private static final int RTF_UP = 0x0001;
  private static final int RTF_GATEWAY = 0x0002;
  private static final int RTF_REJECT = 0x0200;

  /** One default route: the next hop, the interface, and the route's metric. */
  public record Gateway(IpAddress address, String interfaceName, long metric) {}

  private DefaultRoutes() {}

  /**
   * Default routes in {@code /proc/net/route} text: destination and mask 0, flags UP|GATEWAY.
   * Addresses there are 32-bit hex in host byte order (little-endian on x86 and arm64).
   */
  public static List<Gateway> parseIpv4(String text) {
    List<Gateway> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface")) {
        continue;
      }
      try {
        long dest = Long.parseLong(f[1], 16);
        long gateway = Long.parseLong(f[2], 16);
        int flags = Integer.parseInt(f[3], 16);
        long metric = Long.parseLong(f[6]);
        long mask = Long.parseLong(f[7], 16);
        if (dest == 0
            && mask == 0
            && (flags & (RTF_UP | RTF_GATEWAY)) == (RTF_UP | RTF_GATEWAY)
            && (flags & RTF_REJECT) == 0) {
          out.add(
              new Gateway(
                  IpAddress.v4(Integer.reverseBytes((int) gateway) & 0xFFFF_FFFFL), f[0], metric));
        }
      } catch (NumberFormatException e) {
        // not a route line
      }
    }
    out.sort(java.util.Comparator.comparingLong(Gateway::metric));
    return out;
  }

  /**
   * Default routes in {@code /proc/net/ipv6_route} text (fields: destination, prefix length,
   * source, source prefix length, next hop, metric, refcount, use, flags, interface; addresses as
   * 32 hex digits in network order): destination ::/0 with a non-zero next hop, not a reject route.
   */
  public static List<Gateway> parseIpv6(String text) {
    List<Gateway> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || f[0].length() != 32 || f[4].length() != 32) {
        continue;
      }
      try {
        int prefix = Integer.parseInt(f[1], 16);
        int flags = (int) Long.parseLong(f[8], 16);
        IpAddress dest = hex128(f[0]);
        IpAddress nextHop = hex128(f[4]);
        if (prefix == 0
            && dest.hi() == 0
            && dest.lo() == 0
            && (nextHop.hi() != 0 || nextHop.lo() != 0)
            && (flags & RTF_REJECT) == 0) {
          out.add(new Gateway(nextHop, f[9], Long.parseLong(f[5], 16)));
        }
      } catch (NumberFormatException e) {
        // not a route line
      }
    }
    out.sort(java.util.Comparator.comparingLong(Gateway::metric));
    return out;
  }

  private static IpAddress hex128(String s) {
    return IpAddress.v6(
        Long.parseUnsignedLong(s.substring(0, 16), 16),
        Long.parseUnsignedLong(s.substring(16), 16));
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
