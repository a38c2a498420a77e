package dev.stackscope.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Linux signal numbers and names (the generic numbering of x86, ARM, RISC-V and most other
 * architectures; Alpha, MIPS and SPARC differ), and the decoding of the signal masks in {@code
 * /proc/PID/status}. Real-time signals are named as bash's {@code kill -l} names them, from glibc's
 * SIGRTMIN (34): {@code RTMIN}, {@code RTMIN+1} … {@code RTMAX-1}, {@code RTMAX} (64); the two
 * below it that glibc keeps for itself are {@code SIG32} and {@code SIG33}.
 */
public final class Signals {
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
    "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
  };

  static final int RTMIN = 34;
  static final int RTMAX = 64;

  private Signals() {}

  /**
   * The name of signal {@code n} without the {@code SIG} prefix ({@code TERM}, {@code RTMIN+2}).
   */
  public static String name(int n) {
    if (n > 0 && n < NAMES.length) {
      return NAMES[n];
    }
    if (n == 32 || n == 33) {
      return "SIG" + n;
    }
    if (n == RTMIN) {
      return "RTMIN";
    }
    if (n == RTMAX) {
      return "RTMAX";
    }
    if (n > RTMIN && n <= RTMIN + 15) {
      return "RTMIN+" + (n - RTMIN);
    }
    if (n > RTMIN + 15 && n < RTMAX) {
      return "RTMAX-" + (RTMAX - n);
    }
    return Integer.toString(n);
  }

  /**
   * The signal a user named: a number (0–64; 0 only tests that the process exists), or a name with
   * or without {@code SIG}, in any case ({@code TERM}, {@code SIGINT}, {@code rtmin+3}, {@code
   * IOT}, {@code POLL}, {@code CLD}). Empty when it is not a signal.
   */
  public static OptionalInt parse(String text) {
    if (text == null || text.isEmpty()) {
      return OptionalInt.empty();
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (text.length() > 2) {
        return OptionalInt.empty();
      }
      int n = Integer.parseInt(text);
      return n <= RTMAX ? OptionalInt.of(n) : OptionalInt.empty();
    }
    String s = text.toUpperCase(Locale.ROOT);
    if (s.startsWith("SIG") && !s.matches("SIG3[23]")) {
      s = s.substring(3);
    }
    switch (s) {
      case "IOT":
        return OptionalInt.of(6);
      case "POLL":
        return OptionalInt.of(29);
      case "CLD":
        return OptionalInt.of(17);
      default:
        break;
    }
    for (int n = 1; n <= RTMAX; n++) {
      if (name(n).equals(s)) {
        return OptionalInt.of(n);
      }
    }
    return OptionalInt.empty();
  }

  /** The names of the signals set in a {@code /proc/PID/status} mask (bit n-1 is signal n). */
  public static List<String> decode(long mask) {
    List<String> names = new ArrayList<>(Long.bitCount(mask));
    for (int n = 1; n <= 64; n++) {
      if ((mask & (1L << (n - 1))) != 0) {
        names.add(name(n));
      }
    }
    return names;
  }
}
