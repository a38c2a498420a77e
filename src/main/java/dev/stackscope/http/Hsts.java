package dev.stackscope.http;

/** A {@code Strict-Transport-Security} policy (RFC 6797); null fields when absent or invalid. */
public record Hsts(Long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
  /** The policy of an HTTPS response's field value, or null when it has none or no max-age. */
  public static Hsts parse(String value) {
    if (value == null) {
      return null;
    }
    Directives d = Directives.parse(java.util.List.of(value), ';');
    Long maxAge = d.seconds("max-age");
    if (maxAge == null) {
      return null;
    }
    return new Hsts(maxAge, d.has("includesubdomains"), d.has("preload"));
  }
}
