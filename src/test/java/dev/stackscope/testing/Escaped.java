package dev.stackscope.testing;

/** Test failure messages: a string with everything outside printable ASCII as \\uXXXX, quoted. */
public final class Escaped {
  private Escaped() {}

  public static String of(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
