package dev.stackscope.url;

import dev.stackscope.process.Secrets;

/**
 * Masks the values of secret-looking query parameters ({@code token=…}, {@code sig=…}; the rules
 * are {@link Secrets#isSecretParameter}) in a URL's query as written: the other pairs keep their
 * bytes, so the redacted URL still reads as the original.
 */
public final class QueryRedaction {
  private QueryRedaction() {}

  /** True when the (decoded) parameter name names a secret. */
  public static boolean isSecret(String name) {
    return Secrets.isSecretParameter(name);
  }

  /** {@code url} with the value of every secret parameter replaced by {@code mask}. */
  public static WhatwgUrl redact(WhatwgUrl url, String mask) {
    String query = url.query();
    if (query == null || query.isEmpty()) {
      return url;
    }
    String redacted = redactQuery(query, mask);
    return redacted.equals(query) ? url : UrlSetters.withQuery(url, redacted);
  }

  /** A URL as typed, with the values of secret parameters in its query replaced by mask. */
  public static String redactInput(String input, String mask) {
    int q = input.indexOf('?');
    if (q < 0) {
      return input;
    }
    int hash = input.indexOf('#', q);
    int end = hash < 0 ? input.length() : hash;
    return input.substring(0, q + 1)
        + redactQuery(input.substring(q + 1, end), mask)
        + input.substring(end);
  }

  /** A raw query string ({@code a=1&token=x}) with secret values replaced by {@code mask}. */
  static String redactQuery(String query, String mask) {
    StringBuilder out = new StringBuilder(query.length());
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      String pair = query.substring(start, end);
      int eq = pair.indexOf('=');
      if (eq > 0
          && eq < pair.length() - 1
          && isSecret(FormUrlEncoded.decodeComponent(pair.substring(0, eq)))) {
        out.append(pair, 0, eq + 1).append(mask);
      } else {
        out.append(pair);
      }
      if (amp < 0) {
        break;
      }
      out.append('&');
      start = amp + 1;
    }
    return out.toString();
  }
}
