package dev.stackscope.cli;

/** The one parser of PID arguments and option values: decimal digits, 1 to 2^31-1. */
public final class PidArgument {
  private PidArgument() {}

  /** The PID {@code text} names, or -1 when it is not a positive decimal number in range. */
  public static int parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
  }
}
