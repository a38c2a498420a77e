package dev.stackscope.url;

import java.util.function.UnaryOperator;

/** Masks the password in a URL as the user typed it (echoed in output next to the parsed URL). */
public final class Credentials {
  private Credentials() {}

  /**
   * {@code input} with the password of its authority ({@code scheme://user:PASSWORD@host}) replaced
   * by {@code secret.apply(password)}. Finds the authority as the parser does: after "//", up to
   * the first '/', '?', '#' or '\'; the userinfo ends at its last '@' and the password starts after
   * the first ':'. Inputs without a password come back unchanged.
   */
  public static String maskInInput(String input, UnaryOperator<String> secret) {
    int slashes = input.indexOf("//");
    if (slashes < 0) {
      return input;
    }
    int start = slashes + 2;
    int end = input.length();
    for (int i = start; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == '\\') {
        end = i;
        break;
      }
    }
    int at = input.lastIndexOf('@', end - 1);
    if (at < start) {
      return input;
    }
    int colon = input.indexOf(':', start);
    if (colon < 0 || colon >= at - 1) {
      return input;
    }
    String password = input.substring(colon + 1, at);
    return input.substring(0, colon + 1) + secret.apply(password) + input.substring(at);
  }
}
