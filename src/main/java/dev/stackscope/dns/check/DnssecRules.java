package dev.stackscope.dns.check;

import dev.stackscope.dns.ChainValidator;
import dev.stackscope.dns.Queries;
import dev.stackscope.ip.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNSSEC half of a check: the parent's DS against the zone's DNSKEYs, the signatures of the
 * SOA, NS and DNSKEY sets each server sent (verified with that server's keys), their expiry, and
 * NSEC/NSEC3 in a negative answer.
 */
final class DnssecRules {
  /** Warn when a signature expires within this many days. */
  static final long EXPIRY_WARNING_DAYS = 7;

  private DnssecRules() {}

  static DnssecSummary judge(Observations o, List<Finding> findings) {
    Name zone = o.zone();
    List<DSRecord> ds = new ArrayList<>();
    if (o.ds() != null && o.ds().getRcode() == Rcode.NOERROR) {
      for (Record r : Queries.section(o.ds(), Section.ANSWER)) {
        if (r instanceof DSRecord d && r.getName().equals(zone)) {
          ds.add(d);
        }
      }
    }
    TreeSet<Integer> keyTags = new TreeSet<>();
    List<DNSKEYRecord> allKeys = new ArrayList<>();
    for (Observations.Probe p : o.probes()) {
      for (DNSKEYRecord k : keys(zone, p)) {
        if (keyTags.add(k.getFootprint())) {
          allKeys.add(k);
        }
      }
    }
    if (ds.isEmpty() && allKeys.isEmpty()) {
      return DnssecSummary.unsigned();
    }
    TreeSet<Integer> dsTags = new TreeSet<>();
    TreeSet<Integer> matched = new TreeSet<>();
    for (DSRecord d : ds) {
      dsTags.add(d.getFootprint());
      for (DNSKEYRecord k : allKeys) {
        if (ChainValidator.matches(d, k)) {
          matched.add(k.getFootprint());
        }
      }
    }
    if (!ds.isEmpty() && !allKeys.isEmpty() && matched.isEmpty()) {
      findings.add(
          Finding.of(FindingCode.DS_NO_MATCHING_KEY)
              .rrset(zone + " DS")
              .values(tags(dsTags), tags(keyTags)));
    }
    if (ds.isEmpty() && o.parent() != null && o.ds() != null) {
      findings.add(Finding.of(FindingCode.NO_DS).rrset(zone + " DS").values(null, tags(keyTags)));
    }
    Instant earliest = null;
    String earliestSet = null;
    DnssecSummary.Denial denial = null;
    for (Observations.Probe p : o.probes()) {
      if (!ZoneAnalysis.authoritative(p.soa())) {
        continue; // a lame or silent server: already a finding of its own
      }
      String name = p.names().isEmpty() ? null : p.names().get(0).toString();
      String address = IpAddress.text(p.address().getAddress());
      List<DNSKEYRecord> keys = keys(zone, p);
      if (keys.isEmpty() && !ds.isEmpty()) {
        findings.add(Finding.of(FindingCode.DNSKEY_MISSING).server(name, address));
      }
      for (Asker.Answer a : new Asker.Answer[] {p.soa(), p.ns(), p.dnskey()}) {
        if (!ZoneAnalysis.authoritative(a)) {
          continue;
        }
        int type = a.reply().getQuestion().getType();
        String set = zone + " " + Type.string(type);
        Verdict v = verify(a.reply(), zone, type, keys, o.now());
        if (v == null) {
          continue; // no such RRset in the reply
        }
        switch (v.outcome) {
          case MISSING ->
              findings.add(
                  Finding.of(FindingCode.SIGNATURE_MISSING).server(name, address).rrset(set));
          case EXPIRED ->
              findings.add(
                  Finding.of(FindingCode.SIGNATURE_EXPIRED)
                      .server(name, address)
                      .rrset(set)
                      .values(null, v.expires.toString())
                      .number(ZoneAnalysis.daysLeft(o.now(), v.expires)));
          case INVALID ->
              findings.add(
                  Finding.of(FindingCode.SIGNATURE_INVALID).server(name, address).rrset(set));
          case VALID -> {
            if (earliest == null || v.expires.isBefore(earliest)) {
              earliest = v.expires;
              earliestSet = set;
            }
          }
        }
      }
      DnssecSummary.Denial d = denial(p.nx());
      if (d == DnssecSummary.Denial.NONE) {
        findings.add(Finding.of(FindingCode.DENIAL_MISSING).server(name, address));
      }
      if (denial == null || denial == DnssecSummary.Denial.NONE) {
        denial = d;
      }
    }
    Long daysLeft = earliest == null ? null : ZoneAnalysis.daysLeft(o.now(), earliest);
    if (daysLeft != null && daysLeft < EXPIRY_WARNING_DAYS) {
      findings.add(
          Finding.of(FindingCode.SIGNATURE_EXPIRING)
              .rrset(earliestSet)
              .values(null, earliest.toString())
              .number(daysLeft));
    }
    return new DnssecSummary(
        true,
        List.copyOf(dsTags),
        List.copyOf(keyTags),
        List.copyOf(matched),
        earliest == null ? null : earliest.toString(),
        daysLeft,
        denial);
  }

  private static String tags(TreeSet<Integer> tags) {
    return String.join(" ", tags.stream().map(String::valueOf).toList());
  }

  private static List<DNSKEYRecord> keys(Name zone, Observations.Probe p) {
    List<DNSKEYRecord> keys = new ArrayList<>();
    if (ZoneAnalysis.authoritative(p.dnskey())) {
      for (Record r : Queries.section(p.dnskey().reply(), Section.ANSWER)) {
        if (r instanceof DNSKEYRecord k && r.getName().equals(zone)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  private enum Outcome {
    VALID,
    EXPIRED,
    INVALID,
    MISSING
  }

  private record Verdict(Outcome outcome, Instant expires) {}

  /**
   * The verdict on the RRset {@code zone}/{@code type} in a reply's answer: valid when one of its
   * signatures verifies with one of {@code keys} (expires: that signature's expiration, the latest
   * of the valid ones), expired when the only ones that would verify are past their time; null when
   * the reply has no such RRset.
   */
  private static Verdict verify(
      Message m, Name zone, int type, List<DNSKEYRecord> keys, Instant now) {
    RRset set = new RRset();
    List<RRSIGRecord> sigs = new ArrayList<>();
    for (Record r : Queries.section(m, Section.ANSWER)) {
      if (!r.getName().equals(zone)) {
        continue;
      }
      if (r.getType() == type) {
        set.addRR(r);
      } else if (r instanceof RRSIGRecord s && s.getTypeCovered() == type) {
        sigs.add(s);
      }
    }
    if (set.size() == 0) {
      return null;
    }
    if (sigs.isEmpty()) {
      return new Verdict(Outcome.MISSING, null);
    }
    Instant validUntil = null;
    Instant expiredAt = null;
    for (RRSIGRecord sig : sigs) {
      for (DNSKEYRecord key : keys) {
        if (key.getFootprint() != sig.getFootprint() || key.getAlgorithm() != sig.getAlgorithm()) {
          continue;
        }
        try {
          DNSSEC.verify(set, sig, key, now);
          if (validUntil == null || sig.getExpire().isAfter(validUntil)) {
            validUntil = sig.getExpire();
          }
        } catch (DNSSEC.SignatureExpiredException e) {
          expiredAt = sig.getExpire();
        } catch (DNSSEC.DNSSECException | RuntimeException e) {
          // does not verify with this key (or not yet valid): try the next
        }
      }
    }
    if (validUntil != null) {
      return new Verdict(Outcome.VALID, validUntil);
    }
    return expiredAt != null
        ? new Verdict(Outcome.EXPIRED, expiredAt)
        : new Verdict(Outcome.INVALID, null);
  }

  private static DnssecSummary.Denial denial(Asker.Answer nx) {
    if (nx == null || !nx.replied()) {
      return null;
    }
    Message m = nx.reply();
    if (m.getRcode() != Rcode.NXDOMAIN && m.getRcode() != Rcode.NOERROR) {
      return null;
    }
    boolean nsec = false;
    boolean nsec3 = false;
    for (Record r : Queries.section(m, Section.AUTHORITY)) {
      nsec |= r instanceof NSECRecord;
      nsec3 |= r instanceof NSEC3Record;
    }
    return nsec3
        ? DnssecSummary.Denial.NSEC3
        : nsec ? DnssecSummary.Denial.NSEC : DnssecSummary.Denial.NONE;
  }
}
