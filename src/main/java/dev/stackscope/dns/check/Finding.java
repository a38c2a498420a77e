package dev.stackscope.dns.check;

/**
 * One thing {@code dns check} found: its {@code code} and {@code severity}, what it is about
 * ({@code server}: a nameserver name, {@code address}: the address asked, {@code rrset}: the owner
 * and type of a record set; each null when it does not apply), what was expected and what was found
 * (presentation text of records, serials, NS sets; null when not applicable), and {@code number}:
 * days left for an expiring signature, a TTL in seconds, or null.
 */
public record Finding(
    Severity severity,
    FindingCode code,
    String server,
    String address,
    String rrset,
    String expected,
    String found,
    Long number) {

  static Finding of(FindingCode code) {
    return new Finding(code.severity(), code, null, null, null, null, null, null);
  }

  Finding server(String name, String addr) {
    return new Finding(severity, code, name, addr, rrset, expected, found, number);
  }

  Finding rrset(String set) {
    return new Finding(severity, code, server, address, set, expected, found, number);
  }

  Finding values(String expect, String actual) {
    return new Finding(severity, code, server, address, rrset, expect, actual, number);
  }

  Finding number(long n) {
    return new Finding(severity, code, server, address, rrset, expected, found, n);
  }
}
