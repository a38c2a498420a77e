package dev.stackscope.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Record;

/**
 * Where DNSSEC validation starts: DS or DNSKEY records of one or more zones (zone file format, as
 * Unbound's trust-anchor-file). Built in: the IANA root KSKs (key tags 20326 and 38696) as DS.
 */
public final class TrustAnchors {
  private static final String BUILT_IN = "/dev/stackscope/dns/root-anchors.zone";

  /** The largest trust anchor file read: a root anchor file is a few hundred bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private TrustAnchors() {}

  public static List<Record> builtIn() {
    return parse(ZoneFile.builtIn(BUILT_IN, "trust anchors"));
  }

  /**
   * The DS and DNSKEY records in {@code text} (TTLs optional, as in the files ldns-keygen and
   * unbound-anchor write); other types are ignored, none at all refused.
   */
  public static List<Record> parse(String text) {
    List<Record> anchors = new ArrayList<>();
    for (Record r : ZoneFile.records(text, 0, "trust anchors")) {
      if (r instanceof DSRecord || r instanceof DNSKEYRecord) {
        anchors.add(r);
      }
    }
    if (anchors.isEmpty()) {
      throw new DnsInputException("trust anchors: no DS or DNSKEY records");
    }
    return List.copyOf(anchors);
  }
}
