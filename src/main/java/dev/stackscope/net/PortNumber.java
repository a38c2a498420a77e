package dev.stackscope.net;

/** TCP and UDP port numbers: the one range check (1-65535) behind every port given by a user. */
public final class PortNumber {
  public static final int MIN = 1;
  public static final int MAX = 65_535;

  private PortNumber() {}

  /** Whether {@code port} names a port a socket can be bound to or connected to (0 does not). */
  public static boolean valid(long port) {
    return port >= MIN && port <= MAX;
  }

  /**
   * The port written as {@code text} (decimal digits only: no sign, no blanks), or -1 when it is
   * not one. At most five digits are read, so a long run of digits cannot overflow.
   */
  public static int parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 5) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    int n = Integer.parseInt(text);
    return valid(n) ? n : -1;
  }
}
