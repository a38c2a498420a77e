package dev.stackscope.dns;

import dev.stackscope.dns.ValidationReason.KeySource;
import dev.stackscope.dns.ValidationReason.Kind;
import dev.stackscope.dns.ValidationReason.RrsetProblem;
import dev.stackscope.dns.ValidationReason.SignatureProblem;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The chain of trust of one trace, zone by zone (RFC 4035 section 5): a zone's DNSKEY set is
 * trusted when one of its keys matches a trust anchor or a DS that its parent signed, and signs the
 * set; the zone's answers, DS sets and NSEC/NSEC3 denials are then checked against those keys. A
 * delegation without DS is insecure only when the parent proves the DS absent.
 */
public final class ChainValidator {
  private final List<Record> anchors;
  private final Clock clock;
  private final Map<Name, List<DNSKEYRecord>> keys = new HashMap<>();
  private final Map<Name, List<DSRecord>> delegatedDs = new HashMap<>();
  private final Map<Name, Validation> settled = new HashMap<>();

  ChainValidator(List<Record> anchors, Clock clock) {
    this.anchors = anchors;
    this.clock = clock;
  }

  /** True when the zone should be secure and its DNSKEY set has not been checked yet. */
  boolean needsKeys(Name zone) {
    return !keys.containsKey(zone)
        && !settled.containsKey(zone)
        && (!anchorsFor(zone).isEmpty() || delegatedDs.containsKey(zone));
  }

  /** The zone's standing when it is not secure (null while it is secure or still to be checked). */
  private Validation standing(Name zone) {
    if (keys.containsKey(zone) || needsKeys(zone)) {
      return null;
    }
    return settled.getOrDefault(
        zone,
        new Validation(
            Validation.Status.INDETERMINATE,
            zone.toString(),
            ValidationReason.of(Kind.NO_TRUST_ANCHOR).zone(zone).build()));
  }

  /** Checks the zone's DNSKEY set (the answer to a DNSKEY query) against its DS or anchor. */
  Validation acceptKeys(Name zone, List<Record> answer) {
    List<DNSKEYRecord> all = new ArrayList<>();
    for (Record r : answer) {
      if (r instanceof DNSKEYRecord k && r.getName().equals(zone)) {
        all.add(k);
      }
    }
    List<DSRecord> ds = new ArrayList<>(delegatedDs.getOrDefault(zone, List.of()));
    List<DNSKEYRecord> anchoredKeys = new ArrayList<>();
    for (Record a : anchorsFor(zone)) {
      if (a instanceof DSRecord d) {
        ds.add(d);
      } else if (a instanceof DNSKEYRecord k) {
        anchoredKeys.add(k);
      }
    }
    KeySource source = delegatedDs.containsKey(zone) ? KeySource.DS : KeySource.TRUST_ANCHOR;
    if (all.isEmpty()) {
      return settle(
          zone, bogus(zone, ValidationReason.of(Kind.NO_DNSKEY_RECORDS).zone(zone).source(source)));
    }
    List<DNSKEYRecord> entry = new ArrayList<>();
    for (DNSKEYRecord k : all) {
      boolean matches =
          ds.stream().anyMatch(d -> matches(d, k))
              || anchoredKeys.stream()
                  .anyMatch(
                      a ->
                          a.getAlgorithm() == k.getAlgorithm()
                              && Arrays.equals(a.getKey(), k.getKey()));
      if (matches) {
        entry.add(k);
      }
    }
    if (entry.isEmpty()) {
      return settle(
          zone,
          bogus(
              zone,
              ValidationReason.of(Kind.NO_KEY_MATCHES)
                  .zone(zone)
                  .source(source)
                  .keyTags(all.stream().map(DNSKEYRecord::getFootprint).toList())
                  .dsTags(ds.stream().map(DSRecord::getFootprint).toList())));
    }
    SignatureProblem failure = verify(zone, entry, answer, zone, Type.DNSKEY);
    if (failure != null) {
      return settle(
          zone,
          bogus(
              zone, ValidationReason.of(Kind.DNSKEY_SET_UNVERIFIED).zone(zone).signature(failure)));
    }
    keys.put(zone, all);
    return new Validation(
        Validation.Status.SECURE,
        zone.toString(),
        ValidationReason.of(Kind.KEYS_TRUSTED)
            .zone(zone)
            .source(source)
            .keyTags(entry.stream().map(DNSKEYRecord::getFootprint).distinct().toList())
            .build());
  }

  /** The zone had no usable DNSKEY answer: its DNSKEY query ended {@code outcome}. */
  Validation noKeys(Name zone, TraceStep.Outcome outcome) {
    return settle(
        zone, bogus(zone, ValidationReason.of(Kind.NO_DNSKEY_SET).zone(zone).keysQuery(outcome)));
  }

  /** A referral from {@code zone} to {@code cut}: its DS set, or the proof that there is none. */
  Validation referral(Name zone, Name cut, List<Record> authority) {
    Validation standing = standing(zone);
    if (standing != null) {
      return inherit(cut, standing);
    }
    List<DSRecord> ds = new ArrayList<>();
    for (Record r : authority) {
      if (r instanceof DSRecord d && r.getName().equals(cut)) {
        ds.add(d);
      }
    }
    if (!ds.isEmpty()) {
      SignatureProblem failure = verify(zone, keys.get(zone), authority, cut, Type.DS);
      if (failure != null) {
        return settle(
            cut,
            bogus(zone, ValidationReason.of(Kind.DS_SET_UNVERIFIED).name(cut).signature(failure)));
      }
      delegatedDs.put(cut, ds);
      settled.remove(cut);
      return new Validation(
          Validation.Status.SECURE,
          zone.toString(),
          ValidationReason.of(Kind.DS_SIGNED)
              .name(cut)
              .zone(zone)
              .dsTags(ds.stream().map(DSRecord::getFootprint).distinct().toList())
              .build());
    }
    Denial denial = new Denial(zone, authority);
    if (denial.noDs(cut)) {
      return settle(
          cut,
          new Validation(
              Validation.Status.INSECURE,
              zone.toString(),
              ValidationReason.of(Kind.PROVEN_UNSIGNED)
                  .name(cut)
                  .zone(zone)
                  .proof(denial.kind())
                  .build()));
    }
    return settle(
        cut,
        bogus(
            zone,
            ValidationReason.of(Kind.DS_ABSENCE_UNPROVEN).name(cut).rejected(denial.rejected)));
  }

  /** An answer (the CNAME chain and the records asked for) from {@code zone}. */
  Validation answer(Name zone, List<Record> chain) {
    Validation standing = standing(zone);
    if (standing != null) {
      return standing;
    }
    Map<String, Record> sets = new java.util.LinkedHashMap<>();
    for (Record r : chain) {
      if (!(r instanceof RRSIGRecord)) {
        sets.putIfAbsent(r.getName() + "/" + r.getType(), r);
      }
    }
    for (Record r : sets.values()) {
      SignatureProblem failure = verify(zone, keys.get(zone), chain, r.getName(), r.getType());
      if (failure != null) {
        return bogus(
            zone,
            ValidationReason.of(Kind.RRSET_UNVERIFIED)
                .name(r.getName())
                .type(Type.string(r.getType()))
                .signature(failure));
      }
    }
    return new Validation(
        Validation.Status.SECURE,
        zone.toString(),
        ValidationReason.of(Kind.ANSWER_SIGNED).zone(zone).build());
  }

  /** NXDOMAIN or NODATA from {@code zone}: the chain before it and the signed proof of absence. */
  Validation denial(
      Name zone,
      Name qname,
      int qtype,
      boolean nxdomain,
      List<Record> chain,
      List<Record> authority) {
    Validation standing = standing(zone);
    if (standing != null) {
      return standing;
    }
    if (!chain.isEmpty()) {
      Validation c = answer(zone, chain);
      if (!Validation.Status.SECURE.equals(c.status())) {
        return c;
      }
    }
    Name name = qname;
    for (Record r : chain) {
      if (r instanceof CNAMERecord c) {
        name = c.getTarget();
      }
    }
    Denial denial = new Denial(zone, authority);
    boolean proven = nxdomain ? denial.nameAbsent(name) : denial.typeAbsent(name, qtype);
    String type = nxdomain ? null : Type.string(qtype);
    if (!proven) {
      return bogus(
          zone,
          ValidationReason.of(Kind.DENIAL_UNPROVEN)
              .name(name)
              .type(type)
              .rejected(denial.rejected));
    }
    return new Validation(
        Validation.Status.SECURE,
        zone.toString(),
        ValidationReason.of(Kind.DENIAL_PROVEN).name(name).type(type).proof(denial.kind()).build());
  }

  private Validation inherit(Name cut, Validation parent) {
    if (!anchorsFor(cut).isEmpty()) {
      return parent;
    }
    ValidationReason why =
        switch (parent.status()) {
          case INSECURE -> ValidationReason.of(Kind.BELOW_UNSIGNED).zone(parent.zone()).build();
          case BOGUS ->
              ValidationReason.of(Kind.BELOW_BOGUS)
                  .zone(parent.zone())
                  .cause(parent.reason())
                  .build();
          default -> parent.reason();
        };
    settled.put(cut, new Validation(parent.status(), parent.zone(), why));
    return parent;
  }

  private Validation settle(Name zone, Validation v) {
    settled.put(zone, v);
    return v;
  }

  private static Validation bogus(Name zone, ValidationReason.Builder reason) {
    return new Validation(Validation.Status.BOGUS, zone.toString(), reason.build());
  }

  private List<Record> anchorsFor(Name zone) {
    return anchors.stream().filter(a -> a.getName().equals(zone)).toList();
  }

  /** Whether {@code ds} is the digest of zone key {@code key} (same tag, algorithm and digest). */
  public static boolean matches(DSRecord ds, DNSKEYRecord key) {
    if (ds.getFootprint() != key.getFootprint()
        || ds.getAlgorithm() != key.getAlgorithm()
        || (key.getFlags() & 0x0100) == 0) {
      return false;
    }
    try {
      DSRecord made = new DSRecord(key.getName(), DClass.IN, 0, ds.getDigestID(), key);
      return Arrays.equals(made.getDigest(), ds.getDigest());
    } catch (IllegalArgumentException | UnsupportedOperationException unsupportedDigest) {
      return false;
    }
  }

  /**
   * Verifies the RRset {@code owner}/{@code type} found in {@code records} with one of {@code
   * candidates}; null when a signature verifies, else why none did.
   */
  private SignatureProblem verify(
      Name zone, List<DNSKEYRecord> candidates, List<Record> records, Name owner, int type) {
    RRset set = new RRset();
    for (Record r : records) {
      if (r.getName().equals(owner)
          && (r.getType() == type
              || (r instanceof RRSIGRecord s
                  && s.getTypeCovered() == type
                  && s.getSigner().equals(zone)))) {
        set.addRR(r);
      }
    }
    if (set.sigs().isEmpty()) {
      return new SignatureProblem(
          SignatureProblem.Kind.MISSING_RRSIG, null, null, null, null, null);
    }
    SignatureProblem why = null;
    for (RRSIGRecord sig : set.sigs()) {
      for (DNSKEYRecord key : candidates) {
        if (key.getFootprint() != sig.getFootprint() || key.getAlgorithm() != sig.getAlgorithm()) {
          continue;
        }
        try {
          DNSSEC.verify(set, sig, key, clock.instant());
          return null;
        } catch (DNSSEC.SignatureExpiredException e) {
          why = problem(SignatureProblem.Kind.EXPIRED, sig.getExpire(), null, null, null);
        } catch (DNSSEC.SignatureNotYetValidException e) {
          why = problem(SignatureProblem.Kind.NOT_YET_VALID, sig.getTimeSigned(), null, null, null);
        } catch (DNSSEC.SignatureVerificationException e) {
          why = problem(SignatureProblem.Kind.BAD_SIGNATURE, null, sig.getFootprint(), null, null);
        } catch (DNSSEC.DNSSECException e) {
          why = problem(SignatureProblem.Kind.OTHER, null, null, null, e.getMessage());
        }
      }
      if (why == null) {
        why =
            new SignatureProblem(
                SignatureProblem.Kind.NO_MATCHING_KEY,
                null,
                sig.getFootprint(),
                sig.getAlgorithm(),
                zone.toString(),
                null);
      }
    }
    return why;
  }

  private static SignatureProblem problem(
      SignatureProblem.Kind kind, java.time.Instant time, Integer keyTag, String zone, String msg) {
    return new SignatureProblem(kind, time, keyTag, null, zone, msg);
  }

  /** The signed NSEC and NSEC3 records of a negative reply, and what they prove. */
  private final class Denial {
    private final List<NSECRecord> nsec = new ArrayList<>();
    private final List<NSEC3Record> nsec3 = new ArrayList<>();
    private final List<RrsetProblem> rejected = new ArrayList<>();
    private final Name zone;

    Denial(Name zone, List<Record> authority) {
      this.zone = zone;
      for (Record r : authority) {
        if (!(r instanceof NSECRecord) && !(r instanceof NSEC3Record)) {
          continue;
        }
        SignatureProblem failure =
            verify(zone, keys.get(zone), authority, r.getName(), r.getType());
        if (failure != null) {
          rejected.add(new RrsetProblem(r.getName().toString(), Type.string(r.getType()), failure));
        } else if (r instanceof NSECRecord n) {
          nsec.add(n);
        } else {
          nsec3.add((NSEC3Record) r);
        }
      }
    }

    String kind() {
      return nsec3.isEmpty() ? "NSEC" : "NSEC3";
    }

    boolean noDs(Name cut) {
      for (NSECRecord n : nsec) {
        if (n.getName().equals(cut) && !n.hasType(Type.DS) && !n.hasType(Type.SOA)) {
          return true;
        }
      }
      NSEC3Record match = nsec3Matching(cut);
      if (match != null) {
        return !match.hasType(Type.DS) && !match.hasType(Type.SOA);
      }
      // opt-out (RFC 5155 section 6): an NSEC3 with the opt-out flag covering the name
      NSEC3Record cover = nsec3Covering(cut);
      return cover != null && (cover.getFlags() & 1) != 0;
    }

    boolean typeAbsent(Name name, int type) {
      for (NSECRecord n : nsec) {
        if (n.getName().equals(name)) {
          return !n.hasType(type) && !n.hasType(Type.CNAME);
        }
      }
      NSEC3Record match = nsec3Matching(name);
      return match != null && !match.hasType(type) && !match.hasType(Type.CNAME);
    }

    boolean nameAbsent(Name name) {
      if (!nsec.isEmpty()) {
        NSECRecord cover = nsecCovering(name);
        if (cover == null) {
          return false;
        }
        Name encloser =
            deeper(commonAncestor(name, cover.getName()), commonAncestor(name, cover.getNext()));
        Name wildcard = wild(encloser);
        return wildcard == null || nsecCovering(wildcard) != null;
      }
      // closest encloser proof (RFC 5155 section 8.4)
      for (Name ce = Tracer.parent(name), closer = name;
          name.subdomain(ce) && ce.subdomain(zone);
          closer = ce, ce = Tracer.parent(ce)) {
        if (nsec3Matching(ce) != null) {
          Name wildcard = wild(ce);
          return nsec3Covering(closer) != null
              && (wildcard == null || nsec3Covering(wildcard) != null);
        }
        if (ce.equals(zone)) {
          break;
        }
      }
      return false;
    }

    private NSECRecord nsecCovering(Name name) {
      for (NSECRecord n : nsec) {
        Name owner = n.getName();
        Name next = n.getNext();
        boolean last = next.compareTo(owner) <= 0;
        if (owner.compareTo(name) < 0 && (name.compareTo(next) < 0 || last)) {
          return n;
        }
      }
      return null;
    }

    private NSEC3Record nsec3Matching(Name name) {
      for (NSEC3Record n : nsec3) {
        byte[] hash = hash(n, name);
        if (hash != null && Arrays.equals(hash, ownerHash(n))) {
          return n;
        }
      }
      return null;
    }

    private NSEC3Record nsec3Covering(Name name) {
      for (NSEC3Record n : nsec3) {
        byte[] hash = hash(n, name);
        byte[] owner = ownerHash(n);
        if (hash == null || owner == null) {
          continue;
        }
        byte[] next = n.getNext();
        boolean last = Arrays.compareUnsigned(next, owner) <= 0;
        if (Arrays.compareUnsigned(owner, hash) < 0
            && (Arrays.compareUnsigned(hash, next) < 0 || last)) {
          return n;
        }
      }
      return null;
    }

    private byte[] hash(NSEC3Record n, Name name) {
      try {
        return n.hashName(name);
      } catch (NoSuchAlgorithmException e) {
        return null;
      }
    }

    private byte[] ownerHash(NSEC3Record n) {
      try {
        String label = n.getName().getLabelString(0).toUpperCase(Locale.ROOT);
        return new base32(base32.Alphabet.BASE32HEX, false, false).fromString(label);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /** {@code *.encloser}, or null when that name would be too long to exist. */
  private static Name wild(Name encloser) {
    try {
      return Name.concatenate(Name.fromConstantString("*"), encloser);
    } catch (org.xbill.DNS.NameTooLongException e) {
      return null;
    }
  }

  private static Name commonAncestor(Name a, Name b) {
    for (Name n = a; ; n = Tracer.parent(n)) {
      if (b.subdomain(n)) {
        return n;
      }
    }
  }

  private static Name deeper(Name a, Name b) {
    return a.labels() >= b.labels() ? a : b;
  }
}
