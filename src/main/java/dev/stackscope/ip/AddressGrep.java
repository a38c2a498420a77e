package dev.stackscope.ip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds IPv4 and IPv6 addresses in free text (logs, {@code X-Forwarded-For} chains), working on
 * bytes: the text is cut into runs of the characters an address can hold ({@code 0-9 a-f A-F . :}),
 * and only a run with three dots or two colons is looked at. The boundary rules:
 *
 * <ul>
 *   <li>An address stands alone: the byte before and after it is not an ASCII letter, digit or
 *       {@code _} ({@code host10.0.0.1}, {@code 10.0.0.1abc} are no addresses). A {@code -} is a
 *       boundary, so both ends of {@code 10.0.0.1-10.0.0.9} are found.
 *   <li>IPv4 is four decimal octets of 0-255 without leading zeros (as {@code ip} parses them).
 *       Dotted numbers with more parts ({@code 1.2.3.4.5}, a version string) or a dot before them
 *       ({@code .1.2.3.4}) are not addresses; dots after one end a sentence ({@code 10.0.0.1.} is
 *       found, {@code 10.0.0.1.x} is not). A port after a colon is fine ({@code 10.0.0.1:8080}),
 *       and so is a prefix after a slash ({@code 10.0.0.0/8} gives 10.0.0.0).
 *   <li>IPv6 is any form {@code ip} accepts (compressed, mixed {@code ::ffff:1.2.3.4}, a zone
 *       {@code %eth0} after it), with a colon or dots at its end dropped ({@code fe80::1: error}).
 *       Brackets are boundaries ({@code [2001:db8::1]:443}). The unspecified {@code ::} alone
 *       counts only in brackets ({@code [::]:80}): elsewhere it is Perl's, C++'s or Rust's {@code
 *       ::}. Times ({@code 12:34:56}) and MAC addresses (six groups, no {@code ::}) are not
 *       addresses.
 * </ul>
 *
 * A line is at most {@code maxLine} bytes (the caller's limit); columns count bytes from 1.
 */
public final class AddressGrep {
  /** What {@link #scan} reports a find to. */
  public interface Sink {
    /**
     * One address in line {@code line} (from 1) at byte column {@code column} (from 1); the text is
     * {@code length} bytes.
     */
    void found(long line, int column, int length, IpAddress address) throws IOException;
  }

  /** A line longer than the limit. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(long line, int limit) {
      super("line " + line + " is longer than " + limit + " bytes (the limit)");
    }
  }

  /** One find, for callers that collect them. */
  public record Hit(int column, int length, IpAddress address) {}

  private static final byte NONE = 0;
  private static final byte DIGIT = 1;
  private static final byte HEX = 2;
  private static final byte DOT = 3;
  private static final byte COLON = 4;
  private static final byte[] CLASS = new byte[256];
  private static final boolean[] WORD = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      CLASS[c] = DIGIT;
    }
    for (int c = 'a'; c <= 'f'; c++) {
      CLASS[c] = HEX;
      CLASS[c - 32] = HEX;
    }
    CLASS['.'] = DOT;
    CLASS[':'] = COLON;
    for (int c = 0; c < 128; c++) {
      WORD[c] = Character.isLetterOrDigit(c) || c == '_';
    }
  }

  private final byte[] initial;
  private final int maxLine;

  /** A scanner whose lines are at most {@code maxLine} bytes. */
  public AddressGrep(int maxLine) {
    this.maxLine = maxLine;
    this.initial = new byte[Math.min(maxLine + 1, 1 << 20)];
  }

  /** Every address in {@code in}, line by line, to {@code sink}. */
  public void scan(InputStream in, Sink sink) throws IOException {
    byte[] buf = initial;
    int limit = 0;
    long line = 1;
    boolean eof = false;
    while (!eof) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
      int end = eof ? limit : lastNewline(buf, limit) + 1;
      if (end == 0 && !eof) {
        if (limit > maxLine) {
          throw new LineTooLongException(line, maxLine);
        }
        if (limit == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(buf.length * 2L, maxLine + 1L));
        }
        continue;
      }
      line = scanLines(buf, 0, end, line, sink);
      System.arraycopy(buf, end, buf, 0, limit - end);
      limit -= end;
    }
  }

  private static int lastNewline(byte[] b, int limit) {
    for (int i = limit - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Scans whole lines in {@code b[from, to)}; returns the number of the line after them. */
  private long scanLines(byte[] b, int from, int to, long line, Sink sink) throws IOException {
    int lineStart = from;
    int i = from;
    while (i < to) {
      int c = b[i] & 0xFF;
      byte k = CLASS[c];
      if (k == NONE) {
        if (c == '\n') {
          if (i - lineStart > maxLine) {
            throw new LineTooLongException(line, maxLine);
          }
          line++;
          lineStart = i + 1;
        }
        i++;
        continue;
      }
      int start = i;
      int dots = 0;
      int colons = 0;
      while (i < to && (k = CLASS[b[i] & 0xFF]) != NONE) {
        if (k == DOT) {
          dots++;
        } else if (k == COLON) {
          colons++;
        }
        i++;
      }
      if (dots >= 3 || colons >= 2) {
        // a find may reach past the run (an IPv6 zone): scanning goes on after it, so finds never
        // overlap (fe80::2%e::2%eth0 is one find, not two)
        i = Math.max(i, run(b, lineStart, start, i, to, colons, line, sink));
      }
    }
    if (to - lineStart > maxLine) {
      throw new LineTooLongException(line, maxLine);
    }
    return line;
  }

  /** Every address in one line (no newline in it), as UTF-8 bytes; for tests and fuzzing. */
  public static List<Hit> find(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    List<Hit> out = new ArrayList<>();
    try {
      new AddressGrep(Math.max(b.length, 1))
          .scanLines(b, 0, b.length, 1, (l, col, len, a) -> out.add(new Hit(col, len, a)));
    } catch (IOException e) {
      throw new IllegalStateException("a line in memory cannot fail", e);
    }
    return out;
  }

  /**
   * Looks at one run {@code b[start, end)} of address characters in the line from lineStart;
   * returns where scanning goes on: {@code end}, or past an IPv6 address's zone.
   */
  private static int run(
      byte[] b, int lineStart, int start, int end, int to, int colons, long line, Sink sink)
      throws IOException {
    boolean freeBefore = start == lineStart || !WORD[b[start - 1] & 0xFF];
    if (colons >= 2) {
      // after a word, a single ':' may separate it from the address (addr:fe80::1)
      int from = freeBefore ? start : b[start] == ':' && b[start + 1] != ':' ? start + 1 : -1;
      int found = from >= 0 ? ipv6(b, lineStart, from, end, to, line, sink) : -1;
      if (found >= 0) {
        return found;
      }
    }
    int segment = start;
    for (int k = start; k <= end; k++) {
      if (k == end || b[k] == ':') {
        if (k - segment >= 7 && (segment > start || freeBefore)) {
          ipv4(b, lineStart, segment, k, k < end || end == to || !WORD[b[end] & 0xFF], line, sink);
        }
        segment = k + 1;
      }
    }
    return end;
  }

  /** An IPv4 address in {@code b[s, e)} (a segment of a run), trailing dots dropped. */
  private static void ipv4(
      byte[] b, int lineStart, int s, int e, boolean freeAfter, long line, Sink sink)
      throws IOException {
    if (!freeAfter || b[s] == '.') {
      return;
    }
    while (e > s && b[e - 1] == '.') {
      e--;
    }
    long value = 0;
    int octets = 0;
    int i = s;
    while (true) {
      int digitsStart = i;
      int v = 0;
      while (i < e && b[i] >= '0' && b[i] <= '9' && i - digitsStart < 3) {
        v = v * 10 + (b[i] - '0');
        i++;
      }
      int digits = i - digitsStart;
      if (digits == 0 || v > 255 || (digits > 1 && b[digitsStart] == '0')) {
        return;
      }
      value = (value << 8) | v;
      octets++;
      if (i == e) {
        break;
      }
      if (b[i] != '.' || octets == 4) {
        return; // a letter, a fourth digit, or a fifth part
      }
      i++;
    }
    if (octets == 4) {
      sink.found(line, s - lineStart + 1, e - s, IpAddress.v4(value));
    }
  }

  /**
   * An IPv6 address in the run {@code b[start, end)}: where it ends (its zone included), or -1 when
   * the run holds none.
   */
  private static int ipv6(byte[] b, int lineStart, int start, int end, int to, long line, Sink sink)
      throws IOException {
    int e = end;
    while (e > start && b[e - 1] == '.') {
      e--;
    }
    if (e - start >= 2 && b[e - 1] == ':' && b[e - 2] != ':') {
      e--;
    }
    boolean compressed = false;
    boolean hexDigit = false;
    int colons = 0;
    for (int i = start; i < e; i++) {
      if (b[i] == ':') {
        colons++;
        compressed |= i + 1 < e && b[i + 1] == ':';
      } else if (b[i] != '.') {
        hexDigit = true;
      }
    }
    if (colons < 2 || (!compressed && colons < 7) || e - start > 45) {
      return -1;
    }
    int after = e;
    int zoneEnd = e;
    if (e == end && end < to && b[end] == '%') {
      zoneEnd = end + 1;
      while (zoneEnd < to && (WORD[b[zoneEnd] & 0xFF] || b[zoneEnd] == '-')) {
        zoneEnd++;
      }
      if (zoneEnd == end + 1) {
        zoneEnd = e; // a '%' alone: no zone
      } else {
        after = zoneEnd;
      }
    }
    if (after == end && end < to && WORD[b[end] & 0xFF]) {
      return -1;
    }
    if (!hexDigit && !(start > lineStart && b[start - 1] == '[' && after < to && b[after] == ']')) {
      return -1;
    }
    IpAddress a;
    try {
      a = AddressParser.parse(new String(b, start, zoneEnd - start, StandardCharsets.ISO_8859_1));
    } catch (InvalidAddressException ex) {
      return -1;
    }
    sink.found(line, start - lineStart + 1, zoneEnd - start, a);
    return Math.max(end, zoneEnd);
  }
}
