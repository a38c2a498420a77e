package dev.stackscope.dns;

import dev.stackscope.dns.transport.TlsSession;
import java.util.List;

/**
 * One query of a trace: the zone whose server was asked, the server, what came back and what it
 * meant. {@code outcome}: referral, answer, cname, nxdomain, nodata, lame, timeout, truncated,
 * error, abandoned (still pending when another server's reply won). {@code hedgedAfterMs}: for a
 * query sent while the previous one to the zone was still unanswered, how long after it (null for a
 * query sent after the previous one had ended). {@code detail}: why it ended so, as data (see
 * {@link TraceDetail}; null when the outcome says all). {@code chain} counts CNAME restarts from
 * the root (0 = the first chain). {@code records} holds what the step contributed (referral NS set
 * and glue, answer, SOA); {@code dropped}, the out-of-bailiwick records that were not believed;
 * {@code nested}, the traces that found glueless nameservers' addresses; {@code dnssec}, with
 * --dnssec, what this step's records prove (null otherwise, and for failed queries); {@code tls},
 * the encrypted channel of a query to a resolver over DoT or DoH (the root servers asked of {@code
 * --server}, {@link TracePriming}), null for plain DNS.
 */
public record TraceStep(
    int chain,
    String zone,
    String question,
    ServerRef server,
    String protocol,
    Outcome outcome,
    String rcode,
    List<String> flags,
    Double rttMs,
    Integer bytes,
    Double hedgedAfterMs,
    TraceDetail detail,
    List<RecordData> records,
    List<RecordData> dropped,
    List<Trace> nested,
    Validation dnssec,
    TlsSession tls) {

  /** The server asked: its name (from the NS record or root hints) and the address used. */
  public record ServerRef(String name, String address) {}

  /** What one query's reply meant; JSON: the lowercase word. */
  public enum Outcome {
    REFERRAL,
    ANSWER,
    CNAME,
    NXDOMAIN,
    NODATA,
    /** A reply that is neither an authoritative answer nor a referral leading closer. */
    LAME,
    TIMEOUT,
    TRUNCATED,
    ERROR,
    /** Still pending when another server's reply won. */
    ABANDONED,
    /** A holder for nested lookups of glueless nameservers' addresses. */
    LOOKUP;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
