package dev.stackscope.container;

/** The one parser of the kernel's plain decimal numbers in cgroup files and namespace links. */
final class Decimal {
  private Decimal() {}

  /** {@code digits} as a non-negative number; -1 when empty, not all digits, or over a long. */
  static long parse(String digits) {
    if (digits.isEmpty() || digits.length() > 19) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
      if (v < 0) {
        return -1;
      }
    }
    return v;
  }
}
