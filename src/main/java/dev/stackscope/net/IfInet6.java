package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace's IPv6 addresses from its {@code /proc/PID/net/if_inet6}: one line per
 * address, {@code fd5c0000000700000000000000000001 03 40 00 82 v0} (the address in 32 hex digits,
 * then in hex the interface index, prefix length, scope and flags, then the interface's name).
 * Outside data: at most {@link #MOST_BYTES} characters and {@link #MOST_ENTRIES} lines are read; a
 * line that is not of that form is skipped.
 */
public final class IfInet6 {
  static final int MOST_BYTES = 1 << 20;
  static final int MOST_ENTRIES = 4096;

  /** The longest interface name the kernel gives (IFNAMSIZ less its terminating NUL). */
  private static final int MOST_NAME = 15;

  /** One address of one interface. */
  public record Entry(IpAddress address, int index, int prefixLength, String interfaceName) {}

  private IfInet6() {}

  /** The addresses in the order listed. */
  public static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int end = Math.min(text.length(), MOST_BYTES);
    int at = 0;
    while (at < end && out.size() < MOST_ENTRIES) {
      int nl = text.indexOf('\n', at);
      int lineEnd = nl < 0 || nl > end ? end : nl;
      Entry e = line(text.substring(at, Math.min(lineEnd, at + 128)).strip());
      if (e != null) {
        out.add(e);
      }
      at = lineEnd + 1;
    }
    return out;
  }

  private static Entry line(String line) {
    String[] f = line.split("[ \t]+");
    if (f.length != 6 || f[0].length() != 32 || f[5].isEmpty() || f[5].length() > MOST_NAME) {
      return null;
    }
    for (int i = 1; i <= 4; i++) {
      if (f[i].isEmpty() || f[i].length() > 8 || !hex(f[i])) {
        return null;
      }
    }
    if (!hex(f[0])) {
      return null;
    }
    long index = Long.parseLong(f[1], 16);
    long prefix = Long.parseLong(f[2], 16);
    if (index < 1 || index > Integer.MAX_VALUE || prefix > 128) {
      return null;
    }
    IpAddress a =
        IpAddress.v6(
            Long.parseUnsignedLong(f[0].substring(0, 16), 16),
            Long.parseUnsignedLong(f[0].substring(16), 16));
    return new Entry(a, (int) index, (int) prefix, f[5]);
  }

  private static boolean hex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }
}
