package dev.stackscope.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}. Pure functions over
 * the files' text.
 *
 * <p>Addresses are hex in the kernel's memory order: an IPv4 address is one 32-bit word and an
 * IPv6 address four 32-bit words, each word in host byte order (little-endian on x86 and arm64),
 * so every group of four bytes is reversed. Ports are plain big hex numbers.
 */
public final class ProcNetParser {
  private ProcNetParser() {}

  /** The sockets listed in one file's text; malformed lines are skipped. Owners are empty. */
  public static List<SocketEntry> parse(String text, Protocol protocol, int ipVersion) {
    List<SocketEntry> sockets = new ArrayList<>();
    int start = text.indexOf('\n') + 1; // skip the header line
    while (start > 0 && start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      SocketEntry s = parseLine(text.substring(start, end), protocol, ipVersion);
      if (s != null) {
        sockets.add(s);
      }
      start = end + 1;
    }
    return sockets;
  }

  /** One line ("sl local rem st tx:rx tr:when retr uid timeout inode ..."), or null if malformed. */
  static SocketEntry parseLine(String line, Protocol protocol, int ipVersion) {
    String[] f = fields(line, 10);
    if (f == null) {
      return null;
    }
    try {
      int localColon = f[1].indexOf(':');
      int remoteColon = f[2].indexOf(':');
      InetAddress local = address(f[1].substring(0, localColon));
      int localPort = Integer.parseInt(f[1].substring(localColon + 1), 16);
      InetAddress remote = address(f[2].substring(0, remoteColon));
      int remotePort = Integer.parseInt(f[2].substring(remoteColon + 1), 16);
      SocketState state = SocketState.fromKernelCode(Integer.parseInt(f[3], 16), protocol);
      int uid = Integer.parseInt(f[7]);
      long inode = Long.parseLong(f[9]);
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
          AddressScope.reachOf(local),
          uid,
          inode);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The first {@code count} blank-separated fields of {@code line}, or null if it has fewer. */
  private static String[] fields(String line, int count) {
    String[] f = new String[count];
    int n = 0;
    int i = 0;
    int length = line.length();
    while (n < count) {
      while (i < length && line.charAt(i) == ' ') {
        i++;
      }
      if (i == length) {
        return null;
      }
      int start = i;
      while (i < length && line.charAt(i) != ' ') {
        i++;
      }
      f[n++] = line.substring(start, i);
    }
    return f;
  }

  /**
   * Decodes the kernel's hex address: 8 hex digits (IPv4) or 32 (IPv6), each 32-bit word
   * little-endian. IPv4-mapped IPv6 addresses come back as {@code Inet4Address} (Java's choice).
   */
  public static InetAddress address(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new IllegalArgumentException("not a /proc/net address: " + hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + i * 2;
        int value = Integer.parseInt(hex, at, at + 2, 16);
        bytes[word * 4 + 3 - i] = (byte) value;
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
