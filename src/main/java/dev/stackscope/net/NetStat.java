package dev.stackscope.net;

import dev.stackscope.os.FileBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernel's extended network counters ({@code /proc/net/netstat}): pairs of lines, a header
 * ({@code TcpExt: SyncookiesSent ... ListenOverflows ListenDrops ...}) and the values under the
 * same prefix. Parsing is pure ({@link #parse}) and fuzzed by {@code NetStatFuzzTest}.
 *
 * @param counters {@code TcpExt.ListenOverflows} and the like, by prefix and name
 */
public record NetStat(Map<String, Long> counters) {
  /** Handshakes completed while the accept queue was full (the connection was not queued). */
  public static final String LISTEN_OVERFLOWS = "TcpExt.ListenOverflows";

  /** Every SYN or completed handshake a listener dropped, overflows included. */
  public static final String LISTEN_DROPS = "TcpExt.ListenDrops";

  /** The file is read up to this many bytes (it is about 4 KiB). */
  static final int MAX_BYTES = 256 * 1024;

  /** At most this many counters are kept. */
  static final int MAX_COUNTERS = 4096;

  public NetStat {
    counters = Map.copyOf(counters);
  }

  /** The counters of {@code <proc>/net/netstat}, or null when it cannot be read. */
  public static NetStat read(Path proc) {
    FileBytes bytes = new FileBytes(8192);
    if (!bytes.read(proc.resolve("net").resolve("netstat").toString())) {
      return null;
    }
    int length = Math.min(bytes.length(), MAX_BYTES);
    return parse(new String(bytes.bytes(), 0, length, StandardCharsets.ISO_8859_1));
  }

  /** A counter's value, or null when the kernel has no such counter. */
  public Long get(String name) {
    return counters.get(name);
  }

  /** {@code later}'s value minus this one's, or null when either lacks it. */
  public Long delta(NetStat later, String name) {
    Long a = get(name);
    Long b = later == null ? null : later.get(name);
    return a == null || b == null ? null : b - a;
  }

  /**
   * The counters of a {@code netstat} text: each header line followed by a value line with the same
   * prefix; a value that is not a whole number, and names without a value, are skipped.
   */
  public static NetStat parse(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", 1024);
    for (int i = 0; i + 1 < lines.length; i++) {
      String[] names = lines[i].trim().split(" +");
      String[] values = lines[i + 1].trim().split(" +");
      if (names.length < 2 || !names[0].endsWith(":") || !names[0].equals(values[0])) {
        continue;
      }
      String prefix = names[0].substring(0, names[0].length() - 1);
      for (int k = 1; k < names.length && k < values.length; k++) {
        if (out.size() >= MAX_COUNTERS) {
          return new NetStat(out);
        }
        try {
          out.putIfAbsent(prefix + "." + names[k], Long.parseLong(values[k]));
        } catch (NumberFormatException e) {
          // not a counter
        }
      }
      i++; // the value line
    }
    return new NetStat(out);
  }
}
