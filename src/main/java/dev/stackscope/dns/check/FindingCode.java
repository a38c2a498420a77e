package dev.stackscope.dns.check;

/**
 * What a finding is about, each with its severity; the output layer words it. {@code partial} codes
 * mean a server could not be asked: alone they make the check partial (exit 3), not failed.
 */
public enum FindingCode {
  /** No parent server answered the question for the delegation. */
  PARENT_NO_REPLY(Severity.ERROR, true),
  /** The parent has no delegation for the zone (NXDOMAIN, or a name that is not a cut). */
  NOT_DELEGATED(Severity.ERROR, false),
  /** A server address sent no reply within the timeout. */
  NO_REPLY(Severity.ERROR, true),
  /** A server address could not be reached (network error). */
  UNREACHABLE(Severity.ERROR, true),
  /** A server refused to answer for the zone (REFUSED): a lame delegation. */
  REFUSED(Severity.ERROR, false),
  /** A server answered without the AA flag: a lame delegation. */
  LAME(Severity.ERROR, false),
  /** A server answered with an error rcode (SERVFAIL, NOTIMP, ...). */
  ERROR_RCODE(Severity.ERROR, false),
  /** A nameserver name has no address at all (no glue, no A/AAAA). */
  NS_NO_ADDRESS(Severity.ERROR, false),
  /** A server's SOA serial is older than the highest seen. */
  SERIAL_BEHIND(Severity.WARNING, false),
  /** An NS name the parent delegates to is missing from the zone's own NS set. */
  NS_ONLY_AT_PARENT(Severity.WARNING, false),
  /** An NS name in the zone's own NS set is missing from the parent's delegation. */
  NS_ONLY_AT_CHILD(Severity.WARNING, false),
  /** The zone's servers do not agree on the zone's NS set. */
  NS_SETS_DIFFER(Severity.WARNING, false),
  /** The parent's glue for a nameserver differs from its A/AAAA records in the zone. */
  GLUE_MISMATCH(Severity.ERROR, false),
  /** A nameserver inside the zone has no glue at the parent. */
  GLUE_MISSING(Severity.ERROR, false),
  /** A server does not answer over TCP (RFC 7766 requires it). */
  NO_TCP(Severity.ERROR, false),
  /** A server answered an EDNS query without an OPT record. */
  NO_EDNS(Severity.WARNING, false),
  /** A server answered an EDNS query with FORMERR. */
  EDNS_FORMERR(Severity.ERROR, false),
  /** A server answers recursive queries for names outside its zones. */
  OPEN_RESOLVER(Severity.WARNING, false),
  /** The parent has DS records but none matches a DNSKEY of the zone. */
  DS_NO_MATCHING_KEY(Severity.ERROR, false),
  /** The parent has DS records and a server sent no DNSKEY set. */
  DNSKEY_MISSING(Severity.ERROR, false),
  /** The zone publishes DNSKEYs but the parent has no DS: an island of security. */
  NO_DS(Severity.NOTICE, false),
  /** An RRset of a signed zone came without any signature. */
  SIGNATURE_MISSING(Severity.ERROR, false),
  /** An RRSIG does not verify with the zone's keys. */
  SIGNATURE_INVALID(Severity.ERROR, false),
  /** An RRSIG is past its expiration time. */
  SIGNATURE_EXPIRED(Severity.ERROR, false),
  /** An RRSIG expires within 7 days. */
  SIGNATURE_EXPIRING(Severity.WARNING, false),
  /** A negative answer of a signed zone carried no NSEC or NSEC3 record. */
  DENIAL_MISSING(Severity.ERROR, false),
  /** The negative-caching TTL (SOA minimum) is more than a day. */
  NEGATIVE_TTL_LONG(Severity.NOTICE, false),
  /** The negative-caching TTL (SOA minimum) is under five minutes. */
  NEGATIVE_TTL_SHORT(Severity.NOTICE, false),
  /** The NS TTL is under an hour. */
  NS_TTL_SHORT(Severity.NOTICE, false),
  /** The NS TTL is over a week. */
  NS_TTL_LONG(Severity.NOTICE, false);

  private final Severity severity;
  private final boolean partial;

  FindingCode(Severity severity, boolean partial) {
    this.severity = severity;
    this.partial = partial;
  }

  public Severity severity() {
    return severity;
  }

  /** JSON and text: lowercase with hyphens, e.g. {@code serial-behind}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** A server that could not be asked: the check is incomplete rather than failed. */
  public boolean partial() {
    return partial;
  }
}
