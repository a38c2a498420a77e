package dev.stackscope.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure parsers for the text of {@code /proc/PID/stat}, {@code status} and {@code cmdline}. No
 * regular expressions or splitting: they run once per process, thousands of times per command.
 */
public final class ProcfsParser {
  private ProcfsParser() {}

  /**
   * Parses {@code /proc/PID/stat}. The command name sits between the first {@code (} and the
   * <em>last</em> {@code )}, since the name itself may contain spaces and parentheses.
   *
   * @throws IllegalArgumentException when the text is not a stat line
   */
  public static ProcStat parseStat(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return parseStat(b, b.length);
  }

  /**
   * Parses {@code /proc/PID/stat} from the first {@code length} bytes of {@code b} (the file as
   * read): only the command name becomes a string.
   *
   * @throws IllegalArgumentException when the bytes are not a stat line
   */
  public static ProcStat parseStat(byte[] b, int length) {
    int open = -1;
    for (int i = 0; i < length; i++) {
      if (b[i] == '(') {
        open = i;
        break;
      }
    }
    int close = length - 1;
    while (close >= 0 && b[close] != ')') {
      close--;
    }
    if (open < 1 || close < open || close + 2 >= length) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + abbreviate(b, length));
    }
    int pid = (int) parseLong(b, 0, open - 1);
    String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
    // Fields from 3 (state) on, each preceded by one space.
    long[] f = new long[25];
    char state = (char) (b[close + 2] & 0xff);
    int pos = close + 3;
    int field = 4;
    while (field <= 24 && pos < length) {
      if (b[pos] != ' ') {
        break;
      }
      int start = pos + 1;
      int end = start;
      while (end < length && b[end] != ' ' && b[end] != '\n') {
        end++;
      }
      f[field++] = parseLong(b, start, end);
      pos = end;
    }
    if (field <= 24) {
      throw new IllegalArgumentException("short /proc/PID/stat line: " + abbreviate(b, length));
    }
    return new ProcStat(
        pid,
        comm,
        state,
        (int) f[4],
        (int) f[5],
        (int) f[6],
        (int) f[7],
        f[9],
        f[14],
        f[15],
        (int) f[19],
        (int) f[20],
        f[22],
        f[23],
        f[24]);
  }

  /** Parses {@code /proc/PID/status}; absent fields are empty, {@code -1} or 0 (masks). */
  public static ProcStatus parseStatus(String text) {
    String name = "";
    char state = '?';
    int tgid = -1;
    int ppid = -1;
    int[] uids = new int[0];
    int[] gids = new int[0];
    int threads = -1;
    long vmRss = -1;
    long vmSize = -1;
    long sigPnd = 0;
    long shdPnd = 0;
    long sigBlk = 0;
    long sigIgn = 0;
    long sigCgt = 0;
    int len = text.length();
    int pos = 0;
    while (pos < len) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = len;
      }
      int colon = text.indexOf(':', pos);
      if (colon > pos && colon < eol) {
        String key = text.substring(pos, colon);
        int v = colon + 1;
        while (v < eol && (text.charAt(v) == ' ' || text.charAt(v) == '\t')) {
          v++;
        }
        switch (key) {
          // the kernel writes "Name:\t" and then the name, which may itself start with blanks
          case "Name" -> name = unescapeName(text.substring(nameStart(text, colon, eol), eol));
          case "State" -> state = v < eol ? text.charAt(v) : '?';
          case "Tgid" -> tgid = (int) parseLong(text, v, eol);
          case "PPid" -> ppid = (int) parseLong(text, v, eol);
          case "Uid" -> uids = parseIds(text, v, eol);
          case "Gid" -> gids = parseIds(text, v, eol);
          case "Threads" -> threads = (int) parseLong(text, v, eol);
          case "VmRSS" -> vmRss = parseKb(text, v, eol);
          case "VmSize" -> vmSize = parseKb(text, v, eol);
          case "SigPnd" -> sigPnd = parseHex(text, v, eol);
          case "ShdPnd" -> shdPnd = parseHex(text, v, eol);
          case "SigBlk" -> sigBlk = parseHex(text, v, eol);
          case "SigIgn" -> sigIgn = parseHex(text, v, eol);
          case "SigCgt" -> sigCgt = parseHex(text, v, eol);
          default -> {
            // other fields are not used
          }
        }
      }
      pos = eol + 1;
    }
    return new ProcStatus(
        name, state, tgid, ppid, uids, gids, threads, vmRss, vmSize, sigPnd, shdPnd, sigBlk, sigIgn,
        sigCgt);
  }

  /** Splits {@code /proc/PID/cmdline} (NUL-separated, usually NUL-terminated) into argv. */
  public static List<String> parseCmdline(String text) {
    List<String> argv = new ArrayList<>();
    int start = 0;
    int len = text.length();
    while (start < len) {
      int nul = text.indexOf('\0', start);
      if (nul < 0) {
        nul = len;
      }
      argv.add(text.substring(start, nul));
      start = nul + 1;
    }
    return argv;
  }

  /** The value of the {@code btime} line of {@code /proc/stat} (boot time, epoch seconds). */
  public static long parseBootTime(String procStat) {
    int i = procStat.startsWith("btime ") ? 0 : procStat.indexOf("\nbtime ");
    if (i < 0) {
      throw new IllegalArgumentException("no btime line in /proc/stat");
    }
    int start = procStat.indexOf(' ', i + 1) + 1;
    int end = procStat.indexOf('\n', start);
    return parseLong(procStat, start, end < 0 ? procStat.length() : end);
  }

  private static int nameStart(String text, int colon, int eol) {
    return colon + 1 < eol && text.charAt(colon + 1) == '\t' ? colon + 2 : colon + 1;
  }

  // The kernel escapes '\n' and '\\' in the status Name field.
  private static String unescapeName(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    return s.replace("\\n", "\n").replace("\\\\", "\\");
  }

  private static int[] parseIds(String text, int from, int to) {
    int[] ids = new int[4];
    int n = 0;
    int pos = from;
    while (pos < to && n < 4) {
      while (pos < to && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
      int end = pos;
      while (end < to && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
        end++;
      }
      if (end > pos) {
        ids[n++] = (int) parseLong(text, pos, end);
      }
      pos = end;
    }
    return n == 4 ? ids : java.util.Arrays.copyOf(ids, n);
  }

  private static long parseKb(String text, int from, int to) {
    int end = from;
    while (end < to && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    return parseLong(text, from, end) * 1024;
  }

  private static long parseHex(String text, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(text.charAt(i), 16);
      if (d < 0) {
        throw new IllegalArgumentException("not a hex mask: " + text.substring(from, to));
      }
      v = (v << 4) | d;
    }
    return v;
  }

  static long parseLong(String text, int from, int to) {
    if (from >= to) {
      throw new IllegalArgumentException("empty number");
    }
    boolean negative = text.charAt(from) == '-';
    long v = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a number: " + abbreviate(text.substring(from, to)));
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  private static long parseLong(byte[] b, int from, int to) {
    if (from >= to) {
      throw new IllegalArgumentException("empty number");
    }
    boolean negative = b[from] == '-';
    long v = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      int c = b[i];
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            "not a number: " + abbreviate(new String(b, from, to - from, StandardCharsets.UTF_8)));
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  private static String abbreviate(byte[] b, int length) {
    return abbreviate(new String(b, 0, length, StandardCharsets.UTF_8));
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
