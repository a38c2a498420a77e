package dev.stackscope.dns;

import java.time.Instant;
import java.util.List;

/**
 * Why a DNSSEC verdict is what it is, as data: {@code kind} and the values its words need, the
 * others null or empty. {@code name}: the delegated zone, or the owner of the RRset or denial;
 * {@code zone}: the zone whose keys or proof it rests on; {@code type}: the RRset's or the denied
 * type (null: the name itself does not exist); {@code source}: what vouches for a zone's keys;
 * {@code keyTags}, {@code dsTags}: the DNSKEYs' and DS records' key tags; {@code proof}: NSEC or
 * NSEC3; {@code keysQuery}: how a zone's DNSKEY query ended; {@code signature}: why a set's
 * signatures did not verify; {@code rejected}: the denial records that did not verify; {@code
 * cause}: the reason of the zone above. The output layer chooses the words.
 */
public record ValidationReason(
    Kind kind,
    String name,
    String zone,
    String type,
    KeySource source,
    List<Integer> keyTags,
    List<Integer> dsTags,
    String proof,
    TraceStep.Outcome keysQuery,
    SignatureProblem signature,
    List<RrsetProblem> rejected,
    ValidationReason cause) {

  /** The kinds of reason. */
  public enum Kind {
    /** Indeterminate: no trust anchor at or above {@code zone}. */
    NO_TRUST_ANCHOR,
    /**
     * Bogus: the DNSKEY query of {@code zone} returned no keys, though {@code source} says it is
     * signed.
     */
    NO_DNSKEY_RECORDS,
    /**
     * Bogus: none of {@code zone}'s keys ({@code keyTags}) matches its {@code source} ({@code
     * dsTags}).
     */
    NO_KEY_MATCHES,
    /** Bogus: {@code zone}'s DNSKEY set does not verify. */
    DNSKEY_SET_UNVERIFIED,
    /** Secure: the DNSKEY set is signed by {@code keyTags}, which match the {@code source}. */
    KEYS_TRUSTED,
    /** Bogus: no DNSKEY set for {@code zone}, its query ended {@code keysQuery}. */
    NO_DNSKEY_SET,
    /** Bogus: the DS set of {@code name} does not verify. */
    DS_SET_UNVERIFIED,
    /** Secure: {@code name}'s DS set ({@code dsTags}) signed by {@code zone}. */
    DS_SIGNED,
    /** Insecure: {@code zone} proves (by {@code proof}) that {@code name} has no DS. */
    PROVEN_UNSIGNED,
    /** Bogus: no DS for {@code name} and no proof of its absence. */
    DS_ABSENCE_UNPROVEN,
    /** Bogus: the RRset {@code name}/{@code type} does not verify. */
    RRSET_UNVERIFIED,
    /** Secure: the answer is signed by {@code zone}. */
    ANSWER_SIGNED,
    /** Bogus: no signed proof that {@code name} does not exist (or has no {@code type}). */
    DENIAL_UNPROVEN,
    /** Secure: {@code name} does not exist (or has no {@code type}), proved by {@code proof}. */
    DENIAL_PROVEN,
    /** Insecure: below the unsigned {@code zone}. */
    BELOW_UNSIGNED,
    /** Bogus: below the bogus {@code zone}, for its {@code cause}. */
    BELOW_BOGUS,
    /** Indeterminate: the trace failed. */
    TRACE_FAILED
  }

  /** What vouches for a zone's keys: a DS at its parent, or a configured trust anchor. */
  public enum KeySource {
    DS,
    TRUST_ANCHOR
  }

  /**
   * Why no signature over a set verified: {@code time} (an expiry or inception), {@code keyTag},
   * {@code algorithm}, {@code zone} (whose keys were looked at), {@code message} (dnsjava's).
   */
  public record SignatureProblem(
      Kind kind, Instant time, Integer keyTag, Integer algorithm, String zone, String message) {
    /** The kinds of signature problem. */
    public enum Kind {
      MISSING_RRSIG,
      EXPIRED,
      NOT_YET_VALID,
      BAD_SIGNATURE,
      NO_MATCHING_KEY,
      OTHER
    }
  }

  /** A record set ({@code name} and {@code type}) whose signature did not verify, and why. */
  public record RrsetProblem(String name, String type, SignatureProblem problem) {}

  static Builder of(Kind kind) {
    return new Builder(kind);
  }

  /** Fills in only what a kind needs. */
  static final class Builder {
    private final Kind kind;
    private String name;
    private String zone;
    private String type;
    private KeySource source;
    private List<Integer> keyTags = List.of();
    private List<Integer> dsTags = List.of();
    private String proof;
    private TraceStep.Outcome keysQuery;
    private SignatureProblem signature;
    private List<RrsetProblem> rejected = List.of();
    private ValidationReason cause;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    Builder name(Object name) {
      this.name = String.valueOf(name);
      return this;
    }

    Builder zone(Object zone) {
      this.zone = String.valueOf(zone);
      return this;
    }

    Builder type(String type) {
      this.type = type;
      return this;
    }

    Builder source(KeySource source) {
      this.source = source;
      return this;
    }

    Builder keyTags(List<Integer> tags) {
      this.keyTags = List.copyOf(tags);
      return this;
    }

    Builder dsTags(List<Integer> tags) {
      this.dsTags = List.copyOf(tags);
      return this;
    }

    Builder proof(String proof) {
      this.proof = proof;
      return this;
    }

    Builder keysQuery(TraceStep.Outcome outcome) {
      this.keysQuery = outcome;
      return this;
    }

    Builder signature(SignatureProblem signature) {
      this.signature = signature;
      return this;
    }

    Builder rejected(List<RrsetProblem> rejected) {
      this.rejected = List.copyOf(rejected);
      return this;
    }

    Builder cause(ValidationReason cause) {
      this.cause = cause;
      return this;
    }

    ValidationReason build() {
      return new ValidationReason(
          kind, name, zone, type, source, keyTags, dsTags, proof, keysQuery, signature, rejected,
          cause);
    }
  }
}
