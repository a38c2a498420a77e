package dev.stackscope.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which environment values are secrets: names containing {@code PASSWORD}, {@code PASSWD}, {@code
 * PASS}, {@code SECRET}, {@code TOKEN}, {@code KEY}, {@code CREDENTIAL}, {@code AUTH}, {@code
 * PRIVATE} or {@code COOKIE} (case-insensitive; a few false alarms such as {@code XAUTHORITY} are
 * the price of not missing one); and the password part of URLs ({@code scheme://user:password@host})
 * in any value.
 */
public final class Secrets {
  private static final String[] SECRET_WORDS = {
    "PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "COOKIE"
  };

  private Secrets() {}

  /** True when a variable of this name should not be shown by default. */
  public static boolean isSecretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.equals("PWD") || n.equals("OLDPWD")) {
      return false; // working directories, not passwords
    }
    for (String w : SECRET_WORDS) {
      if (n.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code value} contains a URL with a password ({@code ://user:pw@}). */
  public static boolean hasUrlPassword(String value) {
    return !urlPasswords(value).isEmpty();
  }

  /** {@code value} with the password of every {@code scheme://user:password@} replaced by mask. */
  public static String maskUrlPasswords(String value, String mask) {
    List<int[]> spans = urlPasswords(value);
    if (spans.isEmpty()) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    int last = 0;
    for (int[] s : spans) {
      sb.append(value, last, s[0]).append(mask);
      last = s[1];
    }
    return sb.append(value, last, value.length()).toString();
  }

  /** [start, end) of each URL password in the text. */
  private static List<int[]> urlPasswords(String value) {
    List<int[]> spans = new ArrayList<>();
    int from = 0;
    while (true) {
      int scheme = value.indexOf("://", from);
      if (scheme < 0) {
        return spans;
      }
      int authStart = scheme + 3;
      int authEnd = authStart;
      while (authEnd < value.length() && "/?# \t,;\"'".indexOf(value.charAt(authEnd)) < 0) {
        authEnd++;
      }
      int at = value.lastIndexOf('@', authEnd - 1);
      if (at >= authStart) {
        int colon = value.indexOf(':', authStart);
        if (colon >= 0 && colon < at) {
          spans.add(new int[] {colon + 1, at});
        }
      }
      from = authEnd;
    }
  }
}
