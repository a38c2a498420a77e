package dev.stackscope.url;

/** Why a URL failed to parse: the URL Standard's failing validation errors, in words. */
public enum UrlFailure {
  MISSING_SCHEME("missing-scheme-non-relative-URL", "missing scheme"),
  HOST_MISSING("host-missing", "missing host"),
  HOST_INVALID_CODE_POINT("host-invalid-code-point", "forbidden code point in host"),
  DOMAIN_INVALID_CODE_POINT("domain-invalid-code-point", "forbidden code point in domain"),
  DOMAIN_TO_ASCII("domain-to-ASCII", "invalid internationalised domain name (UTS #46)"),
  IPV4_INVALID("IPv4-non-numeric-part", "invalid IPv4 address"),
  IPV4_TOO_MANY_PARTS("IPv4-too-many-parts", "invalid IPv4 address: more than four parts"),
  IPV4_OUT_OF_RANGE("IPv4-out-of-range-part", "invalid IPv4 address: a part is out of range"),
  IPV6_UNCLOSED("IPv6-unclosed", "invalid IPv6 address: missing ']'"),
  IPV6_INVALID("IPv6-invalid-code-point", "invalid IPv6 address"),
  PORT_OUT_OF_RANGE("port-out-of-range", "port out of range"),
  PORT_INVALID("port-invalid", "invalid port");

  private final String specName;
  private final String message;

  UrlFailure(String specName, String message) {
    this.specName = specName;
    this.message = message;
  }

  /** The validation error's name in the URL Standard. */
  public String specName() {
    return specName;
  }

  /** A short human description. */
  public String message() {
    return message;
  }
}
