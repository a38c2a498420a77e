package dev.stackscope.ip;

/**
 * A strict parser for IPv4 and IPv6 text that says precisely what is wrong. It never resolves names
 * (unlike {@code InetAddress.getByName}, which does a DNS lookup for anything that is not a
 * literal). Accepted: dotted-quad IPv4 (four decimal octets, no leading zeros: {@code 010} is octal
 * to inet_aton and decimal to others, so it is refused as ambiguous); IPv6 in full, compressed and
 * mixed ({@code ::ffff:1.2.3.4}) forms, any case, with an optional zone id ({@code fe80::1%eth0});
 * CIDR ({@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0}) and ranges ({@code 10.0.0.1-10.0.0.9}).
 */
public final class AddressParser {
  private AddressParser() {}

  /** Parses an address, a CIDR block or a range. */
  public static IpTarget parseTarget(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidAddressException("empty address");
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      return parseBlock(s, slash);
    }
    int dash = s.indexOf('-');
    if (dash >= 0) {
      int pct = s.indexOf('%');
      if (pct >= 0 && pct < dash) {
        // a zone id may hold '-' (fe80::1%wlan-0): a single address if it parses as one
        try {
          return new IpTarget.Single(parse(s));
        } catch (InvalidAddressException e) {
          // not one address: a range
        }
      }
      return parseSpan(s, dash);
    }
    return new IpTarget.Single(parse(s));
  }

  private static IpTarget.Block parseBlock(String s, int slash) {
    IpAddress address = parse(s.substring(0, slash));
    String p = s.substring(slash + 1);
    int max = address.bits();
    if (p.isEmpty()) {
      throw new InvalidAddressException("missing prefix length after '/'");
    }
    if (address.version() == 4 && p.indexOf('.') >= 0) {
      return new IpTarget.Block(address, prefixOfNetmask(p));
    }
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) < '0' || p.charAt(i) > '9') {
        throw new InvalidAddressException(
            "invalid prefix length '" + p + "' (expected 0-" + max + ")");
      }
    }
    if (p.length() > 1 && p.charAt(0) == '0') {
      throw new InvalidAddressException("prefix " + p + " has a leading zero");
    }
    if (p.length() > 3) {
      throw new InvalidAddressException("prefix " + p + " is over " + max);
    }
    int prefix = Integer.parseInt(p);
    if (prefix > max) {
      throw new InvalidAddressException("prefix " + prefix + " is over " + max);
    }
    return new IpTarget.Block(address, prefix);
  }

  private static int prefixOfNetmask(String text) {
    long mask = parseV4(text, "netmask");
    int prefix = Long.numberOfLeadingZeros(~mask & 0xFFFF_FFFFL) - 32;
    if (IpAddress.v4Mask(prefix) != mask) {
      throw new InvalidAddressException("netmask " + text + " is not contiguous");
    }
    return prefix;
  }

  private static IpTarget.Span parseSpan(String s, int dash) {
    IpAddress first = parse(s.substring(0, dash));
    IpAddress last = parse(s.substring(dash + 1));
    if (first.version() != last.version()) {
      throw new InvalidAddressException(
          "range mixes IPv" + first.version() + " and IPv" + last.version());
    }
    if (first.compareTo(last) > 0) {
      throw new InvalidAddressException("range end " + last + " is before its start " + first);
    }
    return new IpTarget.Span(first, last);
  }

  /** Parses one address (no prefix, no range). */
  public static IpAddress parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidAddressException("empty address");
    }
    if (s.indexOf(':') >= 0) {
      return parseV6(s);
    }
    if (s.indexOf('%') >= 0) {
      throw new InvalidAddressException("zone id on an IPv4 address");
    }
    return IpAddress.v4(parseV4(s, "IPv4 address"));
  }

  /** Dotted quad to its 32-bit value. {@code what} names the thing in messages. */
  static long parseV4(String s, String what) {
    long value = 0;
    int octets = 0;
    int i = 0;
    int n = s.length();
    while (true) {
      int start = i;
      while (i < n && s.charAt(i) != '.') {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          throw new InvalidAddressException("invalid character " + quote(c) + " in " + what);
        }
        i++;
      }
      if (i == start) {
        throw new InvalidAddressException(n == 0 ? what + " is empty" : "empty octet in " + what);
      }
      String octet = s.substring(start, i);
      if (octet.length() > 3) {
        throw new InvalidAddressException("octet " + octet + " is over 255");
      }
      int v = Integer.parseInt(octet);
      if (v > 255) {
        throw new InvalidAddressException("octet " + v + " is over 255");
      }
      if (octet.length() > 1 && octet.charAt(0) == '0') {
        throw new InvalidAddressException(
            "octet " + octet + " has a leading zero (octal to some parsers, decimal to others)");
      }
      octets++;
      if (octets > 4) {
        throw new InvalidAddressException("too many octets in " + what + " (more than 4)");
      }
      value = (value << 8) | v;
      if (i == n) {
        break;
      }
      i++; // the dot
      if (i == n) {
        throw new InvalidAddressException("empty octet in " + what + " (trailing '.')");
      }
    }
    if (octets < 4) {
      throw new InvalidAddressException("incomplete " + what + ": " + octets + " of 4 octets");
    }
    return value;
  }

  private static IpAddress parseV6(String full) {
    String s = full;
    String zone = null;
    int pct = s.indexOf('%');
    if (pct >= 0) {
      zone = s.substring(pct + 1);
      s = s.substring(0, pct);
      if (zone.isEmpty()) {
        throw new InvalidAddressException("empty zone id after '%'");
      }
      for (int i = 0; i < zone.length(); i++) {
        char c = zone.charAt(i);
        if (c <= ' ' || c == '%' || c == '/' || c >= 0x7F) {
          throw new InvalidAddressException("invalid character " + quote(c) + " in zone id");
        }
      }
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1; // index in groups where '::' stands
    int n = s.length();
    int i = 0;
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (s.startsWith(":")) {
      throw new InvalidAddressException("IPv6 address starts with a single ':'");
    }
    while (i < n) {
      int start = i;
      while (i < n && s.charAt(i) != ':' && s.charAt(i) != '.') {
        char c = s.charAt(i);
        // ASCII only: Character.digit also takes other scripts' digits (U+06F1, fullwidth)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
          throw new InvalidAddressException("invalid character " + quote(c) + " in IPv6 address");
        }
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // embedded dotted quad: the rest of the text
        if (count > 6) {
          throw new InvalidAddressException("too many groups in IPv6 address (more than 8)");
        }
        long v4 = parseV4(s.substring(start), "embedded IPv4 address");
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = n;
        break;
      }
      if (i == start) {
        throw new InvalidAddressException("empty group in IPv6 address (':::')");
      }
      if (i - start > 4) {
        throw new InvalidAddressException(
            "group " + s.substring(start, i) + " has more than 4 hex digits");
      }
      if (count == 8) {
        throw new InvalidAddressException("too many groups in IPv6 address (more than 8)");
      }
      groups[count++] = Integer.parseInt(s.substring(start, i), 16);
      if (i == n) {
        break;
      }
      i++; // ':'
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          throw new InvalidAddressException("'::' appears more than once");
        }
        gap = count;
        i++;
      } else if (i == n) {
        throw new InvalidAddressException("IPv6 address ends with a single ':'");
      }
    }
    if (gap >= 0) {
      if (count > 7) {
        throw new InvalidAddressException("too many groups in IPv6 address ('::' with 8 groups)");
      }
      int move = count - gap;
      System.arraycopy(groups, gap, groups, 8 - move, move);
      for (int k = gap; k < 8 - move; k++) {
        groups[k] = 0;
      }
    } else if (count < 8) {
      throw new InvalidAddressException("incomplete IPv6 address: " + count + " of 8 groups");
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 4; k++) {
      hi = (hi << 16) | groups[k];
      lo = (lo << 16) | groups[k + 4];
    }
    return new IpAddress(6, hi, lo, zone);
  }

  private static String quote(char c) {
    if (c >= 0x21 && c < 0x7F) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
