package dev.stackscope.net;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A network namespace's own IPv4 addresses from its {@code /proc/PID/net/fib_trie}: a leaf {@code
 * |-- 10.88.0.3} followed by {@code /32 host LOCAL}. Outside data: at most {@link #MOST_BYTES}
 * characters and {@link #MOST_ADDRESSES} addresses are read.
 */
public final class FibTrie {
  static final int MOST_BYTES = 1 << 20;
  static final int MOST_ADDRESSES = 4096;

  private FibTrie() {}

  /** The local addresses (loopback ones too), in the order listed, without repeats. */
  public static Set<IpAddress> localAddresses(String text) {
    Set<IpAddress> out = new LinkedHashSet<>();
    if (text == null) {
      return out;
    }
    String leaf = null;
    int end = Math.min(text.length(), MOST_BYTES);
    int at = 0;
    while (at < end && out.size() < MOST_ADDRESSES) {
      int nl = text.indexOf('\n', at);
      int lineEnd = nl < 0 || nl > end ? end : nl;
      String line = text.substring(at, Math.min(lineEnd, at + 256)).strip();
      at = lineEnd + 1;
      if (line.startsWith("|-- ")) {
        leaf = line.substring(4).strip();
      } else if (line.startsWith("/32 host LOCAL") && leaf != null) {
        try {
          IpAddress a = AddressParser.parse(leaf);
          if (a.version() == 4) {
            out.add(a);
          }
        } catch (IllegalArgumentException e) {
          // not an address: skipped
        }
      } else if (!line.startsWith("/")) {
        leaf = null; // a leaf's lines follow it directly
      }
    }
    return out;
  }
}
