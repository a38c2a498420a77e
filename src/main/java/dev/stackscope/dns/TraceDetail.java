package dev.stackscope.dns;

import dev.stackscope.dns.TraceStep.ServerRef;

/**
 * Why a step of a trace ended as it did, as data: {@code kind} and the values its words need, the
 * others null. {@code name}: the CNAME target or the zone referred to; {@code zone} and {@code
 * toward}: the zone whose server referred sideways and the name looked for; {@code rcode}: what a
 * lame server answered; {@code ms}: a timeout or how long a query was pending; {@code winner}: the
 * server whose reply ended a pending query (null: the trace ended); {@code message}: the system's
 * message for a failed exchange. The output layer chooses the words.
 */
public record TraceDetail(
    Kind kind,
    String name,
    String zone,
    String toward,
    String rcode,
    Long ms,
    ServerRef winner,
    String message) {

  /** The kinds of step detail. */
  public enum Kind {
    /** A timeout: no reply within {@code ms}. */
    NO_REPLY_WITHIN,
    /** The exchange failed: {@code message}. */
    EXCHANGE_FAILED,
    /** A truncated UDP reply, retried over TCP. */
    TRUNCATED_RETRYING_TCP,
    /** A truncated reply over TCP. */
    TRUNCATED_OVER_TCP,
    /** Lame: the server answered {@code rcode} (neither NOERROR nor NXDOMAIN). */
    SERVER_RCODE,
    /** Lame: an answer without the AA flag. */
    ANSWER_WITHOUT_AA,
    /** Lame: NXDOMAIN without the AA flag. */
    NXDOMAIN_WITHOUT_AA,
    /** Lame: a referral to {@code name} that does not lead below {@code zone} to {@code toward}. */
    REFERRAL_NOT_DOWNWARD,
    /** Lame: neither an authoritative answer nor a referral. */
    NEITHER_ANSWER_NOR_REFERRAL,
    /** A CNAME to {@code name}, inside the zone. */
    CNAME_IN_ZONE,
    /** A CNAME to {@code name}, outside the zone: the trace restarts from the root. */
    CNAME_RESTART,
    /** A referral to the zone {@code name}. */
    REFERRAL_TO,
    /** Abandoned: its reply came but another ({@code winner}'s) was used first. */
    REPLY_NOT_USED,
    /** Abandoned: no reply after {@code ms}, when {@code winner} answered (or the trace ended). */
    NO_REPLY_AFTER,
    /** The holder of nested lookups of the root servers' addresses. */
    GLUELESS_ROOTS
  }

  static TraceDetail of(Kind kind) {
    return new TraceDetail(kind, null, null, null, null, null, null, null);
  }

  static TraceDetail name(Kind kind, String name) {
    return new TraceDetail(kind, name, null, null, null, null, null, null);
  }

  static TraceDetail rcode(String rcode) {
    return new TraceDetail(Kind.SERVER_RCODE, null, null, null, rcode, null, null, null);
  }

  static TraceDetail exchangeFailed(String message) {
    return new TraceDetail(Kind.EXCHANGE_FAILED, null, null, null, null, null, null, message);
  }

  static TraceDetail referralNotDownward(String cut, String zone, String toward) {
    return new TraceDetail(Kind.REFERRAL_NOT_DOWNWARD, cut, zone, toward, null, null, null, null);
  }

  static TraceDetail timeout(long ms) {
    return new TraceDetail(Kind.NO_REPLY_WITHIN, null, null, null, null, ms, null, null);
  }

  static TraceDetail abandoned(boolean replied, long ms, ServerRef winner) {
    return replied
        ? new TraceDetail(Kind.REPLY_NOT_USED, null, null, null, null, null, winner, null)
        : new TraceDetail(Kind.NO_REPLY_AFTER, null, null, null, null, ms, winner, null);
  }
}
