package dev.stackscope.cli.dns;

import dev.stackscope.dns.TraceDetail;
import dev.stackscope.dns.TraceFailure;
import dev.stackscope.dns.TraceFailure.ServerFailure;
import dev.stackscope.dns.TraceStep;
import dev.stackscope.dns.Tracer;
import dev.stackscope.dns.ValidationReason;
import dev.stackscope.dns.ValidationReason.RrsetProblem;
import dev.stackscope.dns.ValidationReason.SignatureProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words for a trace's data: why a step ended as it did ({@link TraceDetail}), why a trace
 * failed ({@link TraceFailure}) and why a DNSSEC verdict is what it is ({@link ValidationReason}).
 * The one place these sentences are made, for the text views, the notes and the JSON documents
 * (where each is the string it has always been).
 */
public final class TraceWords {
  /** How many servers' failures a "no usable reply" error lists before "and N more". */
  static final int LISTED_FAILURES = 4;

  /** How much of a nested lookup's error the failure of its nameserver quotes. */
  static final int QUOTED_ERROR = 160;

  private TraceWords() {}

  /**
   * For {@code Output.json}: a trace's detail, failure or DNSSEC reason as its sentence; any other
   * value as it is.
   */
  public static Object json(Object value) {
    if (value instanceof TraceDetail d) {
      return detail(d);
    } else if (value instanceof TraceFailure f) {
      return failure(f);
    } else if (value instanceof ValidationReason r) {
      return reason(r);
    }
    return value;
  }

  /** "no reply within 2000 ms", "to example.com.", "server answered REFUSED", … */
  public static String detail(TraceDetail d) {
    return switch (d.kind()) {
      case NO_REPLY_WITHIN -> "no reply within " + d.ms() + " ms";
      case EXCHANGE_FAILED -> d.message();
      case TRUNCATED_RETRYING_TCP -> "truncated reply, retrying over TCP";
      case TRUNCATED_OVER_TCP -> "truncated reply over TCP";
      case SERVER_RCODE -> "server answered " + d.rcode();
      case ANSWER_WITHOUT_AA -> "answer without the AA flag";
      case NXDOMAIN_WITHOUT_AA -> "NXDOMAIN without the AA flag";
      case REFERRAL_NOT_DOWNWARD ->
          "referral to "
              + d.name()
              + " does not lead below "
              + d.zone()
              + " towards "
              + d.toward()
              + " (loop protection)";
      case NEITHER_ANSWER_NOR_REFERRAL -> "neither an authoritative answer nor a referral";
      case CNAME_IN_ZONE, REFERRAL_TO -> "to " + d.name();
      case CNAME_RESTART -> "to " + d.name() + ", restarting from the root";
      case REPLY_NOT_USED -> "reply not used: " + endedBy(d.winner());
      case NO_REPLY_AFTER -> "no reply after " + d.ms() + " ms; " + endedBy(d.winner());
      case GLUELESS_ROOTS -> "addresses of glueless root nameservers";
    };
  }

  private static String endedBy(TraceStep.ServerRef winner) {
    return winner == null ? "the trace ended" : server(winner) + " answered first";
  }

  /** "ns1.example. (192.0.2.1)", or the name alone when it had no address to ask. */
  private static String server(TraceStep.ServerRef s) {
    return s.address() == null ? s.name() : s.name() + " (" + s.address() + ")";
  }

  /** "CNAME loop: …", "no usable reply from the servers of zone example.: …", "query limit …" */
  public static String failure(TraceFailure f) {
    return switch (f.kind()) {
      case CNAME_LOOP -> "CNAME loop: " + f.name() + " was already followed";
      case TOO_MANY_CNAMES -> "more than " + f.limit() + " CNAMEs in a row";
      case NO_USABLE_REPLY ->
          "no usable reply from the servers of zone " + f.name() + listed(f.servers());
      case INTERRUPTED -> "interrupted";
      case LOOKUP_LIMIT ->
          "nested lookup limit reached (" + f.limit() + " lookups of nameserver addresses)";
      case QUERY_LIMIT -> "query limit reached (" + f.limit() + " queries)";
      case TIME_LIMIT -> "time limit reached (" + f.limit() + " ms for the whole trace)";
    };
  }

  /** ": first; second; … (and N more)", or "" when nothing failed. */
  private static String listed(List<ServerFailure> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    List<ServerFailure> shown = failures.subList(0, Math.min(LISTED_FAILURES, failures.size()));
    int more = failures.size() - shown.size();
    return ": "
        + shown.stream().map(TraceWords::serverFailure).collect(Collectors.joining("; "))
        + (more > 0 ? " (and " + more + " more)" : "");
  }

  private static String serverFailure(ServerFailure f) {
    String why =
        switch (f.kind()) {
          case TIMEOUT -> "timeout";
          case REPLY -> detail(f.reply());
          case NO_FAMILY_ADDRESS ->
              "no " + (f.family() == Tracer.Family.V6 ? "IPv6" : "IPv4") + " address";
          case CYCLE -> "its address depends on itself (glueless cycle)";
          case EARLIER_LOOKUP_FAILED -> "address not found (an earlier lookup failed)";
          case TOO_DEEP -> "nested lookups deeper than " + f.limit();
          case ADDRESS_NOT_FOUND ->
              "address not found ("
                  + (f.lookupError() != null
                      ? abbreviate(failure(f.lookupError()))
                      : f.lookupResult().toString())
                  + ")";
        };
    return server(f.server()) + ": " + why;
  }

  private static String abbreviate(String error) {
    return error.length() <= QUOTED_ERROR ? error : error.substring(0, QUOTED_ERROR - 1) + "…";
  }

  /** "answer signed by example.", "no DS for x. and no signed NSEC/NSEC3 proving …", … */
  public static String reason(ValidationReason r) {
    return switch (r.kind()) {
      case NO_TRUST_ANCHOR -> "no trust anchor at or above " + r.zone();
      case NO_DNSKEY_RECORDS ->
          "no DNSKEY records in "
              + r.zone()
              + " although its "
              + source(r.source())
              + " says it is signed";
      case NO_KEY_MATCHES ->
          "no DNSKEY of "
              + r.zone()
              + " (key tags "
              + tags(r.keyTags())
              + ") matches its "
              + source(r.source())
              + (r.dsTags().isEmpty() ? "" : " (key tags " + tags(r.dsTags()) + ")");
      case DNSKEY_SET_UNVERIFIED -> "DNSKEY set of " + r.zone() + ": " + signature(r.signature());
      case KEYS_TRUSTED ->
          "DNSKEY set signed by key "
              + tags(r.keyTags())
              + ", which matches the "
              + source(r.source());
      case NO_DNSKEY_SET ->
          "no DNSKEY set for " + r.zone() + " (the DNSKEY query ended " + r.keysQuery() + ")";
      case DS_SET_UNVERIFIED -> "DS set of " + r.name() + ": " + signature(r.signature());
      case DS_SIGNED ->
          "DS for " + r.name() + " (key tag " + tags(r.dsTags()) + ") signed by " + r.zone();
      case PROVEN_UNSIGNED ->
          r.name() + " is unsigned: " + r.zone() + " proves it has no DS (" + r.proof() + ")";
      case DS_ABSENCE_UNPROVEN ->
          "no DS for "
              + r.name()
              + " and no signed NSEC/NSEC3 proving its absence"
              + rejected(r.rejected());
      case RRSET_UNVERIFIED -> r.name() + " " + r.type() + ": " + signature(r.signature());
      case ANSWER_SIGNED -> "answer signed by " + r.zone();
      case DENIAL_UNPROVEN ->
          "no signed NSEC/NSEC3 proof that " + denied(r) + rejected(r.rejected());
      case DENIAL_PROVEN -> denied(r) + " (proved by " + r.proof() + ")";
      case BELOW_UNSIGNED -> "below the unsigned zone " + r.zone();
      case BELOW_BOGUS -> "below the bogus zone " + r.zone() + ": " + reason(r.cause());
      case TRACE_FAILED -> "the trace failed";
    };
  }

  private static String denied(ValidationReason r) {
    return r.type() == null ? r.name() + " does not exist" : r.name() + " has no " + r.type();
  }

  private static String source(ValidationReason.KeySource source) {
    return switch (source) {
      case DS -> "DS";
      case TRUST_ANCHOR -> "trust anchor";
    };
  }

  private static String tags(List<Integer> tags) {
    return tags.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String rejected(List<RrsetProblem> rejected) {
    if (rejected.isEmpty()) {
      return "";
    }
    return " ("
        + rejected.stream()
            .map(p -> p.name() + " " + p.type() + ": " + signature(p.problem()))
            .collect(Collectors.joining("; "))
        + ")";
  }

  private static String signature(SignatureProblem p) {
    return switch (p.kind()) {
      case MISSING_RRSIG -> "missing RRSIG";
      case EXPIRED -> "signature expired at " + p.time();
      case NOT_YET_VALID -> "signature not yet valid (inception " + p.time() + ")";
      case BAD_SIGNATURE -> "bad signature (key tag " + p.keyTag() + ")";
      case NO_MATCHING_KEY ->
          "no DNSKEY with key tag "
              + p.keyTag()
              + " and algorithm "
              + p.algorithm()
              + " in "
              + p.zone();
      case OTHER -> p.message();
    };
  }
}
