package dev.stackscope.url;

import dev.stackscope.ip.IpAddress;

/**
 * The URL Standard's host parser (§3.5): IPv6 in brackets, opaque hosts for non-special schemes,
 * and for special schemes percent-decoding, domain to ASCII (UTS #46), the forbidden domain code
 * point check and, when the domain ends in a number, the IPv4 parser (decimal, octal and hex
 * parts).
 */
public final class HostParser {
  private HostParser() {}

  /** Parses {@code input} as a host; {@code opaque} for non-special schemes. */
  public static Host parse(String input, boolean opaque, ValidationLog log)
      throws InvalidUrlException {
    if (!input.isEmpty() && input.charAt(0) == '[') {
      if (input.charAt(input.length() - 1) != ']') {
        throw new InvalidUrlException(UrlFailure.IPV6_UNCLOSED);
      }
      int[] pieces = parseIpv6(input, 1, input.length() - 1);
      return new Host(HostType.IPV6, "[" + serializeIpv6(pieces) + "]");
    }
    if (opaque) {
      return parseOpaque(input, log);
    }
    if (isPlainLowercaseDomain(input)) {
      return endsInANumber(input)
          ? new Host(HostType.IPV4, serializeIpv4(parseIpv4(input, log)))
          : new Host(HostType.DOMAIN, input);
    }
    String domain = PercentEncoding.decode(input);
    String ascii = domainToAscii(domain);
    if (endsInANumber(ascii)) {
      return new Host(HostType.IPV4, serializeIpv4(parseIpv4(ascii, log)));
    }
    return new Host(HostType.DOMAIN, ascii);
  }

  /**
   * The common case in one pass: lowercase ASCII with no '%' and no forbidden domain code point,
   * which domain to ASCII returns unchanged.
   */
  private static boolean isPlainLowercaseDomain(String input) {
    int n = input.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
        continue;
      }
      if (c >= 0x80 || (c >= 'A' && c <= 'Z') || isForbiddenDomain(c)) {
        return false;
      }
    }
    return true;
  }

  /** Domain to ASCII with beStrict=false, then the forbidden domain code point check. */
  static String domainToAscii(String domain) throws InvalidUrlException {
    String ascii = Idna.toAscii(domain);
    if (ascii == null) {
      throw new InvalidUrlException(UrlFailure.DOMAIN_TO_ASCII);
    }
    if (ascii.isEmpty()) {
      throw new InvalidUrlException(UrlFailure.DOMAIN_INVALID_CODE_POINT);
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (isForbiddenDomain(ascii.charAt(i))) {
        throw new InvalidUrlException(UrlFailure.DOMAIN_INVALID_CODE_POINT);
      }
    }
    return ascii;
  }

  static boolean isForbiddenHost(char c) {
    switch (c) {
      case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
        return true;
      default:
        return false;
    }
  }

  static boolean isForbiddenDomain(char c) {
    return isForbiddenHost(c) || c < 0x20 || c == '%' || c == 0x7f;
  }

  private static Host parseOpaque(String input, ValidationLog log) throws InvalidUrlException {
    if (input.isEmpty()) {
      return Host.EMPTY;
    }
    boolean ascii = true;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (isForbiddenHost(c)) {
        throw new InvalidUrlException(UrlFailure.HOST_INVALID_CODE_POINT);
      }
      if (c == '%'
          && !(i + 2 < input.length()
              && PercentEncoding.isHex(input.charAt(i + 1))
              && PercentEncoding.isHex(input.charAt(i + 2)))) {
        log.add("invalid-URL-unit");
      }
      if (c < 0x20 || c >= 0x7f) {
        ascii = false;
      }
    }
    String serialized = ascii ? input : PercentEncoding.encode(input, PercentEncoding.C0_CONTROL);
    return new Host(HostType.OPAQUE, serialized);
  }

  /** The "ends in a number" checker: is the last non-empty label a number (decimal, 0x-hex)? */
  static boolean endsInANumber(String s) {
    int end = s.length();
    if (end > 0 && s.charAt(end - 1) == '.') {
      end--; // a trailing dot ends an empty last label, which is skipped
    }
    int start = s.lastIndexOf('.', end - 1) + 1;
    if (start == end) {
      return false;
    }
    boolean digits = true;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
    }
    if (digits) {
      return true;
    }
    return parseIpv4Number(s, start, end) >= 0;
  }

  /**
   * The IPv4 number parser: decimal, {@code 0x} hex or leading-zero octal. Returns the value
   * (saturated at 2^40, which is out of range anyway), or -1 on failure. Sets no flag; callers that
   * care about the validation error check for a leading zero themselves.
   */
  static long parseIpv4Number(String s, int start, int end) {
    if (start == end) {
      return -1;
    }
    int radix = 10;
    if (end - start >= 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x') {
      radix = 16;
      start += 2;
    } else if (end - start >= 2 && s.charAt(start) == '0') {
      radix = 8;
      start += 1;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int d = Character.digit(s.charAt(i), radix);
      if (d < 0 || s.charAt(i) >= 0x80) {
        return -1;
      }
      value = Math.min(value * radix + d, 1L << 40);
    }
    return value;
  }

  /**
   * The IPv4 parser; {@code s} ends in a number. Returns the address as an unsigned 32-bit long.
   */
  static long parseIpv4(String s, ValidationLog log) throws InvalidUrlException {
    int end = s.length();
    if (s.charAt(end - 1) == '.') {
      log.add("IPv4-empty-part");
      if (end > 1) {
        end--;
      }
    }
    long[] numbers = new long[4];
    int count = 0;
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int partEnd = dot < 0 || dot >= end ? end : dot;
      if (count == 4) {
        throw new InvalidUrlException(UrlFailure.IPV4_TOO_MANY_PARTS);
      }
      long n = parseIpv4Number(s, start, partEnd);
      if (n < 0) {
        throw new InvalidUrlException(UrlFailure.IPV4_INVALID);
      }
      if (partEnd - start >= 2 && s.charAt(start) == '0') {
        log.add("IPv4-non-decimal-part");
      }
      numbers[count++] = n;
      if (partEnd == end) {
        break;
      }
      start = partEnd + 1;
    }
    for (int i = 0; i < count - 1; i++) {
      if (numbers[i] > 255) {
        throw new InvalidUrlException(UrlFailure.IPV4_OUT_OF_RANGE);
      }
    }
    if (numbers[count - 1] >= 1L << (8 * (5 - count))) {
      throw new InvalidUrlException(UrlFailure.IPV4_OUT_OF_RANGE);
    }
    long ipv4 = numbers[count - 1];
    for (int i = 0; i < count - 1; i++) {
      ipv4 += numbers[i] << (8 * (3 - i));
    }
    return ipv4;
  }

  static String serializeIpv4(long address) {
    return IpAddress.v4(address).toString();
  }

  /** The IPv6 parser over {@code s[from, to)}: eight 16-bit pieces. */
  static int[] parseIpv6(String s, int from, int to) throws InvalidUrlException {
    int[] address = new int[8];
    int pieceIndex = 0;
    int compress = -1;
    int p = from;
    if (p < to && s.charAt(p) == ':') {
      if (p + 1 >= to || s.charAt(p + 1) != ':') {
        throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
      }
      p += 2;
      pieceIndex++;
      compress = pieceIndex;
    }
    while (p < to) {
      if (pieceIndex == 8) {
        throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
      }
      if (s.charAt(p) == ':') {
        if (compress >= 0) {
          throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
        }
        p++;
        pieceIndex++;
        compress = pieceIndex;
        continue;
      }
      int value = 0;
      int length = 0;
      while (length < 4 && p < to && PercentEncoding.isHex(s.charAt(p))) {
        value = value * 16 + Character.digit(s.charAt(p), 16);
        p++;
        length++;
      }
      if (p < to && s.charAt(p) == '.') {
        if (length == 0) {
          throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
        }
        p -= length;
        if (pieceIndex > 6) {
          throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
        }
        int numbersSeen = 0;
        while (p < to) {
          int piece = -1;
          if (numbersSeen > 0) {
            if (s.charAt(p) == '.' && numbersSeen < 4) {
              p++;
            } else {
              throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
            }
          }
          if (p >= to || s.charAt(p) < '0' || s.charAt(p) > '9') {
            throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
          }
          while (p < to && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            int number = s.charAt(p) - '0';
            if (piece < 0) {
              piece = number;
            } else if (piece == 0) {
              throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
            } else {
              piece = piece * 10 + number;
            }
            if (piece > 255) {
              throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
            }
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
          numbersSeen++;
          if (numbersSeen == 2 || numbersSeen == 4) {
            pieceIndex++;
          }
        }
        if (numbersSeen != 4) {
          throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
        }
        break;
      } else if (p < to && s.charAt(p) == ':') {
        p++;
        if (p >= to) {
          throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
        }
      } else if (p < to) {
        throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
      }
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress >= 0) {
      int swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex != 0 && swaps > 0) {
        int tmp = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = tmp;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex != 8) {
      throw new InvalidUrlException(UrlFailure.IPV6_INVALID);
    }
    return address;
  }

  /**
   * The IPv6 serializer: lowercase hex, the first longest run of two or more zeros as "::", never
   * the dotted IPv4 tail: RFC 5952 text without its mixed notation, which is {@code ip}'s.
   */
  static String serializeIpv6(int[] address) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | address[i];
      lo = (lo << 16) | address[i + 4];
    }
    return IpAddress.v6(hi, lo).toPlainString();
  }
}
