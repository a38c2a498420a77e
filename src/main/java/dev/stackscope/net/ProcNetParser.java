package dev.stackscope.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}. Pure functions over the
 * files' text.
 *
 * <p>Addresses are hex in the kernel's memory order: an IPv4 address is one 32-bit word and an IPv6
 * address four 32-bit words, each word in host byte order (little-endian on x86 and arm64), so
 * every group of four bytes is reversed. Ports are plain big hex numbers.
 */
public final class ProcNetParser {
  private ProcNetParser() {}

  /** The sockets listed in one file's text; malformed lines are skipped. Owners are empty. */
  public static List<SocketEntry> parse(String text, Protocol protocol, int ipVersion) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, b.length, protocol, ipVersion);
  }

  /**
   * The sockets listed in the first {@code length} bytes of a file as read; malformed lines are
   * skipped. Works on the bytes: only the addresses become objects (this runs once per socket on
   * the host, in a JVM that has just started, where per-character calls are what costs).
   */
  public static List<SocketEntry> parse(byte[] b, int length, Protocol protocol, int ipVersion) {
    List<SocketEntry> sockets = new ArrayList<>();
    int[] starts = new int[FIELDS];
    int[] ends = new int[FIELDS];
    int start = 0;
    while (start < length && b[start] != '\n') {
      start++; // the header line
    }
    start++;
    while (start < length) {
      int end = start;
      while (end < length && b[end] != '\n') {
        end++;
      }
      SocketEntry s = parseLine(b, start, end, protocol, ipVersion, starts, ends);
      if (s != null) {
        sockets.add(s);
      }
      start = end + 1;
    }
    return sockets;
  }

  /** The fields used: sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode. */
  private static final int FIELDS = 10;

  /**
   * One line ("sl local rem st tx:rx tr:when retr uid timeout inode ..."), or null if malformed.
   */
  private static SocketEntry parseLine(
      byte[] b, int from, int to, Protocol protocol, int ipVersion, int[] starts, int[] ends) {
    if (!fields(b, from, to, starts, ends)) {
      return null;
    }
    try {
      int localColon = indexOf(b, starts[1], ends[1], ':');
      int remoteColon = indexOf(b, starts[2], ends[2], ':');
      // The table's family fixes the address width: 8 hex digits in tcp/udp, 32 in tcp6/udp6
      // (a 32-digit address in an IPv4 table is a malformed line, not an IPv6 socket).
      int width = ipVersion == 4 ? 8 : 32;
      if (localColon < 0
          || remoteColon < 0
          || localColon - starts[1] != width
          || remoteColon - starts[2] != width) {
        return null;
      }
      InetAddress local = address(b, starts[1], localColon);
      int localPort = (int) number(b, localColon + 1, ends[1], 16, 0, 0xFFFF);
      InetAddress remote = address(b, starts[2], remoteColon);
      int remotePort = (int) number(b, remoteColon + 1, ends[2], 16, 0, 0xFFFF);
      int code = intNumber(b, starts[3], ends[3], 16);
      SocketState state = SocketState.fromKernelCode(code, protocol);
      int uid = intNumber(b, starts[7], ends[7], 10);
      long inode = number(b, starts[9], ends[9], 10, Long.MIN_VALUE, Long.MAX_VALUE);
      boolean noPeer = remotePort == 0 && remote.isAnyLocalAddress();
      return new SocketEntry(
          protocol,
          ipVersion,
          local,
          localPort,
          noPeer ? null : remote,
          noPeer ? null : remotePort,
          state,
          List.of(),
          null,
          Reach.of(local),
          uid,
          inode);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The first {@link #FIELDS} space-separated fields of a line, or false if it has fewer. */
  private static boolean fields(byte[] b, int from, int to, int[] starts, int[] ends) {
    int i = from;
    for (int n = 0; n < FIELDS; n++) {
      while (i < to && b[i] == ' ') {
        i++;
      }
      if (i == to) {
        return false;
      }
      starts[n] = i;
      while (i < to && b[i] != ' ') {
        i++;
      }
      ends[n] = i;
    }
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Hex digit values of bytes, -1 for anything else. */
  private static final byte[] DIGITS = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      DIGITS[i] = -1;
    }
    for (int i = 0; i < 10; i++) {
      DIGITS['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      DIGITS['a' + i] = (byte) (10 + i);
      DIGITS['A' + i] = (byte) (10 + i);
    }
  }

  /** A number as {@link Integer#parseInt(String, int)} reads it. */
  private static int intNumber(byte[] b, int from, int to, int radix) {
    return (int) number(b, from, to, radix, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * A number as {@link Long#parseLong(String, int)} reads it (an optional sign, then digits),
   * required to lie within {@code min..max}.
   *
   * @throws NumberFormatException otherwise
   */
  private static long number(byte[] b, int from, int to, int radix, long min, long max) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i >= to) {
      throw new NumberFormatException("empty number");
    }
    long value;
    if (to - i <= 15) { // 16^15 and 10^15 fit in a long: no overflow to check
      value = 0;
      for (; i < to; i++) {
        int d = DIGITS[b[i] & 0xff];
        if (d < 0 || d >= radix) {
          throw new NumberFormatException("not a number");
        }
        value = value * radix + d;
      }
      value = negative ? -value : value;
    } else {
      value = Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1), radix);
    }
    if (value < min || value > max) {
      throw new NumberFormatException("out of range");
    }
    return value;
  }

  /**
   * Decodes the kernel's hex address: 8 hex digits (IPv4) or 32 (IPv6), each 32-bit word
   * little-endian. IPv4-mapped IPv6 addresses come back as {@code Inet4Address} (Java's choice).
   */
  public static InetAddress address(String hex) {
    byte[] b = hex.getBytes(StandardCharsets.ISO_8859_1);
    return address(b, 0, b.length);
  }

  private static InetAddress address(byte[] hex, int from, int to) {
    int length = to - from;
    if (length != 8 && length != 32) {
      throw new IllegalArgumentException(
          "not a /proc/net address: " + new String(hex, from, length, StandardCharsets.ISO_8859_1));
    }
    byte[] bytes = new byte[length / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = from + word * 8 + i * 2;
        bytes[word * 4 + 3 - i] = (byte) intNumber(hex, at, at + 2, 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
