package dev.stackscope.dns;

/** Input that cannot be a DNS query: a bad name, an unknown type, a bad server address. */
public final class DnsInputException extends IllegalArgumentException {
  public DnsInputException(String message) {
    super(message);
  }
}
