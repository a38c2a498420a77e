package dev.stackscope.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as text the way ss, ip and browsers write them: IPv6 in RFC 5952 form (lower case, the
 * longest run of zero groups as {@code ::}), not Java's uncompressed {@code 0:0:0:0:0:0:0:1}.
 */
public final class AddressText {
  private AddressText() {}

  public static String of(InetAddress address) {
    if (address == null) {
      return null;
    }
    if (!(address instanceof Inet6Address v6)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952: a single zero group is not shortened
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    if (v6.getScopedInterface() != null) {
      sb.append('%').append(v6.getScopedInterface().getName());
    } else if (v6.getScopeId() != 0) {
      sb.append('%').append(v6.getScopeId());
    }
    return sb.toString();
  }

  /** {@code address:port}, an IPv6 address in brackets. */
  public static String endpoint(InetAddress address, int port) {
    String host = of(address);
    return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
  }
}
