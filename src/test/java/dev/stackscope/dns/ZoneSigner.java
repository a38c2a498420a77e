package dev.stackscope.dns;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Signs a test zone for real, as ldns-signzone would with NSEC: one ECDSA P-256 key (flags 257,
 * used as KSK and ZSK), the DS records of signed children added, an NSEC chain over the
 * authoritative names and delegation points, every authoritative RRset signed (not the NS at a cut,
 * not glue).
 */
final class ZoneSigner {
  final Name origin;
  final KeyPair pair;
  final DNSKEYRecord key;

  ZoneSigner(String origin) throws Exception {
    this.origin = Name.fromString(origin);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    pair = g.generateKeyPair();
    key =
        new DNSKEYRecord(
            this.origin,
            DClass.IN,
            3600,
            257,
            3,
            DNSSEC.Algorithm.ECDSAP256SHA256,
            pair.getPublic());
  }

  DSRecord ds() {
    return new DSRecord(origin, DClass.IN, 3600, DSRecord.SHA256_DIGEST_ID, key);
  }

  /** The signed zone's records; {@code extra} are added before signing (e.g. children's DS). */
  List<Record> sign(Zone zone, List<Record> extra, Instant inception, Instant expiration)
      throws Exception {
    List<Record> records = new ArrayList<>();
    for (RRset set : zone) {
      records.addAll(set.rrs(false));
    }
    records.add(key);
    records.addAll(extra);
    TreeSet<Name> cuts = new TreeSet<>();
    for (Record r : records) {
      if (r.getType() == Type.NS && !r.getName().equals(origin)) {
        cuts.add(r.getName());
      }
    }
    records.removeIf(
        r -> belowCut(r.getName(), cuts) && r.getType() != Type.A && r.getType() != Type.AAAA);
    Map<Name, TreeSet<Integer>> types = new TreeMap<>();
    for (Record r : records) {
      if (!belowCut(r.getName(), cuts)) {
        types.computeIfAbsent(r.getName(), n -> new TreeSet<>()).add(r.getType());
      }
    }
    List<Name> owners = new ArrayList<>(types.keySet());
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      TreeSet<Integer> t = types.get(owner);
      t.add(Type.NSEC);
      t.add(Type.RRSIG);
      if (cuts.contains(owner) && !t.contains(Type.DS)) {
        t.retainAll(List.of(Type.NS, Type.NSEC, Type.RRSIG));
      }
      Name next = owners.get((i + 1) % owners.size());
      records.add(
          new NSECRecord(
              owner, DClass.IN, 300, next, t.stream().mapToInt(Integer::intValue).toArray()));
    }
    Map<String, RRset> sets = new LinkedHashMap<>();
    for (Record r : records) {
      if (belowCut(r.getName(), cuts) || (r.getType() == Type.NS && cuts.contains(r.getName()))) {
        continue;
      }
      sets.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new RRset()).addRR(r);
    }
    for (RRset set : sets.values()) {
      records.add(signature(set, inception, expiration));
    }
    return records;
  }

  RRSIGRecord signature(RRset set, Instant inception, Instant expiration) throws Exception {
    return DNSSEC.sign(set, key, pair.getPrivate(), inception, expiration);
  }

  private static boolean belowCut(Name name, TreeSet<Name> cuts) {
    for (Name cut : cuts) {
      if (name.subdomain(cut) && !name.equals(cut)) {
        return true;
      }
    }
    return false;
  }
}
