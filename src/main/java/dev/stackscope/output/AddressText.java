package dev.stackscope.output;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IP addresses as people write them: IPv6 in the RFC 5952 canonical form ({@code ::1}). */
public final class AddressText {
  private AddressText() {}

  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address v6)) {
      return address.getHostAddress();
    }
    byte[] b = v6.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero words (the first of equals) becomes "::".
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    String scope = v6.getScopeId() != 0 || v6.getScopedInterface() != null ? scope(v6) : "";
    return sb + scope;
  }

  private static String scope(Inet6Address v6) {
    if (v6.getScopedInterface() != null) {
      return "%" + v6.getScopedInterface().getName();
    }
    return "%" + v6.getScopeId();
  }
}
