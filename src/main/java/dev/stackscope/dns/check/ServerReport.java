package dev.stackscope.dns.check;

import java.util.List;

/**
 * What one address of the zone's nameservers said: the NS names it belongs to, the address asked,
 * how it answered the SOA question ({@code status}: answered, lame, refused, error, no-reply,
 * unreachable, {@code rcode}, {@code authoritative}), its SOA {@code serial}, whether it answers
 * over TCP, whether its reply carried an OPT record ({@code edns}), whether it recursed for a name
 * outside its zones ({@code recursion}), the SOA round trip and the NS names it lists for the zone.
 * Fields a server that did not answer could not give are null.
 */
public record ServerReport(
    List<String> names,
    String address,
    Status status,
    String rcode,
    Long serial,
    Boolean authoritative,
    Boolean tcp,
    Boolean edns,
    Boolean recursion,
    Double rttMs,
    List<String> ns) {

  /** How a server answered the zone's SOA question; JSON: the lowercase word. */
  public enum Status {
    /** An authoritative answer. */
    ANSWERED,
    /** An answer without the AA flag. */
    LAME,
    REFUSED,
    /** Another error rcode (SERVFAIL, NOTIMP, FORMERR...). */
    ERROR,
    NO_REPLY,
    UNREACHABLE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
