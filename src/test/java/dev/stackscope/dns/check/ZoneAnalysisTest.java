package dev.stackscope.dns.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The rules of {@link ZoneAnalysis} and {@link DnssecRules} on crafted replies, no network. */
class ZoneAnalysisTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Name ZONE = name("z.test.");
  private static final Name NS1 = name("ns1.z.test.");

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  /** An authoritative, EDNS reply to {@code type} with {@code answer}. */
  private static Asker.Answer reply(
      Name qname, int type, boolean aa, boolean edns, Record... answer) throws Exception {
    Message m = new Message();
    m.getHeader().setFlag(Flags.QR);
    if (aa) {
      m.getHeader().setFlag(Flags.AA);
    }
    m.addRecord(Record.newRecord(qname, type, DClass.IN), Section.QUESTION);
    for (Record r : answer) {
      m.addRecord(r, Section.ANSWER);
    }
    if (edns) {
      m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return new Asker.Answer(new InetSocketAddress(ip("192.0.2.1"), 53), m, null, 1.0);
  }

  private static SOARecord soa(long serial, long minimum) {
    return new SOARecord(
        ZONE, DClass.IN, 3600, NS1, name("h.z.test."), serial, 3600, 600, 86400, minimum);
  }

  private static NSRecord ns(long ttl) {
    return new NSRecord(ZONE, DClass.IN, ttl, NS1);
  }

  /** A probe of one address whose every answer is clean (serial 1, EDNS, TCP, no recursion). */
  private static Observations.Probe clean(String address, long serial) throws Exception {
    return probe(address, reply(ZONE, Type.SOA, true, true, soa(serial, 3600)), true, null);
  }

  private static Observations.Probe probe(
      String address, Asker.Answer soa, boolean tcp, Asker.Answer recursion) throws Exception {
    InetSocketAddress a = new InetSocketAddress(ip(address), 53);
    Asker.Answer tcpAnswer =
        tcp
            ? reply(ZONE, Type.SOA, true, false, soa(1, 3600))
            : new Asker.Answer(a, null, Asker.Failure.UNREACHABLE, 0);
    return new Observations.Probe(
        a,
        List.of(NS1),
        new Asker.Answer(a, soa.reply(), soa.failure(), soa.rttMs()),
        reply(ZONE, Type.NS, true, true, ns(86400)),
        tcpAnswer,
        recursion,
        null,
        null);
  }

  private static ZoneHealth analyse(List<Observations.Probe> probes, Message ds) throws Exception {
    Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
    List<InetAddress> addresses = new ArrayList<>();
    for (Observations.Probe p : probes) {
      addresses.add(p.address().getAddress());
    }
    glue.put(NS1, addresses);
    Observations o =
        new Observations(
            ZONE, name("test."), NOW, List.of(), glue, 86400L, ds, Map.of(NS1, addresses), probes);
    return ZoneAnalysis.analyse(o, 0);
  }

  private static List<FindingCode> codes(ZoneHealth h) {
    return h.findings().stream().map(Finding::code).toList();
  }

  @Test
  void cleanServersGiveNoFinding() throws Exception {
    ZoneHealth h = analyse(List.of(clean("192.0.2.1", 5), clean("192.0.2.2", 5)), null);
    assertEquals(List.of(), codes(h));
    assertEquals(ZoneHealth.Verdict.OK, h.verdict());
  }

  @Test
  void serialsCompareWithWrapAround() throws Exception {
    // 4294967295 + 1 wraps to 0 (RFC 1982): the server at 4294967295 lags
    ZoneHealth h = analyse(List.of(clean("192.0.2.1", 4294967295L), clean("192.0.2.2", 0)), null);
    assertEquals(List.of(FindingCode.SERIAL_BEHIND), codes(h));
    assertEquals("192.0.2.1", h.findings().get(0).address());
    assertTrue(ZoneAnalysis.olderSerial(1, 2));
    assertFalse(ZoneAnalysis.olderSerial(2, 1));
    assertFalse(ZoneAnalysis.olderSerial(7, 7));
  }

  @Test
  void noOptRecordIsNoEdns() throws Exception {
    ZoneHealth h =
        analyse(
            List.of(
                probe("192.0.2.1", reply(ZONE, Type.SOA, true, false, soa(1, 3600)), true, null)),
            null);
    assertEquals(List.of(FindingCode.NO_EDNS), codes(h));
    assertEquals(Severity.WARNING, h.findings().get(0).severity());
  }

  @Test
  void formerrToAnEdnsQuery() throws Exception {
    Asker.Answer formerr = reply(ZONE, Type.SOA, false, false);
    formerr.reply().getHeader().setRcode(Rcode.FORMERR);
    ZoneHealth h = analyse(List.of(probe("192.0.2.1", formerr, true, null)), null);
    assertEquals(List.of(FindingCode.EDNS_FORMERR), codes(h));
    assertEquals(ZoneHealth.Verdict.ERRORS, h.verdict());
  }

  @Test
  void recursionForAnotherNameIsAnOpenResolver() throws Exception {
    Asker.Answer rec =
        reply(
            Name.root,
            Type.NS,
            false,
            true,
            new NSRecord(Name.root, DClass.IN, 3600, name("a.root-servers.net.")));
    rec.reply().getHeader().setFlag(Flags.RA);
    ZoneHealth h =
        analyse(
            List.of(probe("192.0.2.1", reply(ZONE, Type.SOA, true, true, soa(1, 3600)), true, rec)),
            null);
    assertEquals(List.of(FindingCode.OPEN_RESOLVER), codes(h));
    assertTrue(h.servers().get(0).recursion());
  }

  @Test
  void ttlRules() throws Exception {
    ZoneHealth h =
        analyse(
            List.of(probe("192.0.2.1", reply(ZONE, Type.SOA, true, true, soa(1, 60)), true, null)),
            null);
    assertEquals(List.of(FindingCode.NEGATIVE_TTL_SHORT), codes(h));
    assertEquals(60, h.findings().get(0).number());
    h =
        analyse(
            List.of(
                probe(
                    "192.0.2.1",
                    reply(
                        ZONE,
                        Type.SOA,
                        true,
                        true,
                        new SOARecord(ZONE, DClass.IN, 172800, NS1, NS1, 1, 1, 1, 1, 172800)),
                    true,
                    null)),
            null);
    assertEquals(List.of(FindingCode.NEGATIVE_TTL_LONG), codes(h));
  }

  @Test
  void silentServerAloneIsPartial() throws Exception {
    InetSocketAddress a = new InetSocketAddress(ip("192.0.2.9"), 53);
    Observations.Probe silent =
        new Observations.Probe(
            a,
            List.of(NS1),
            new Asker.Answer(a, null, Asker.Failure.TIMEOUT, 0),
            null,
            null,
            null,
            null,
            null);
    ZoneHealth h = analyse(List.of(clean("192.0.2.1", 1), silent), null);
    assertEquals(List.of(FindingCode.NO_REPLY), codes(h));
    assertEquals(ZoneHealth.Verdict.PARTIAL, h.verdict());
  }

  @Test
  void signaturesInvalidExpiredAndDenialMissing() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    KeyPair other = g.generateKeyPair();
    DNSKEYRecord key =
        new DNSKEYRecord(
            ZONE, DClass.IN, 3600, 257, 3, DNSSEC.Algorithm.ECDSAP256SHA256, pair.getPublic());
    SOARecord soa = soa(1, 3600);
    NSRecord ns = ns(86400);
    RRset soaSet = new RRset(soa);
    RRset nsSet = new RRset(ns);
    RRset keySet = new RRset(key);
    Instant past = NOW.minus(Duration.ofDays(10));
    // SOA: signed by another key under the same tag? No: a signature made with the wrong private
    // key but labelled with this key's tag does not verify.
    Record badSoaSig =
        DNSSEC.sign(soaSet, key, other.getPrivate(), past, NOW.plus(Duration.ofDays(20)));
    Record expiredNsSig =
        DNSSEC.sign(
            nsSet,
            key,
            pair.getPrivate(),
            past.minus(Duration.ofDays(5)),
            NOW.minus(Duration.ofDays(1)));
    Record keySig =
        DNSSEC.sign(keySet, key, pair.getPrivate(), past, NOW.plus(Duration.ofDays(20)));
    InetSocketAddress a = new InetSocketAddress(ip("192.0.2.1"), 53);
    Asker.Answer nx = reply(name("x.z.test."), Type.A, true, true);
    nx.reply().getHeader().setRcode(Rcode.NXDOMAIN);
    Observations.Probe p =
        new Observations.Probe(
            a,
            List.of(NS1),
            reply(ZONE, Type.SOA, true, true, soa, badSoaSig),
            reply(ZONE, Type.NS, true, true, ns, expiredNsSig),
            reply(ZONE, Type.SOA, true, false, soa),
            null,
            reply(ZONE, Type.DNSKEY, true, true, key, keySig),
            nx);
    Message ds =
        reply(
                ZONE,
                Type.DS,
                true,
                true,
                new DSRecord(ZONE, DClass.IN, 3600, DSRecord.SHA256_DIGEST_ID, key))
            .reply();
    ZoneHealth h = analyse(List.of(p), ds);
    assertEquals(
        List.of(
            FindingCode.SIGNATURE_INVALID,
            FindingCode.SIGNATURE_EXPIRED,
            FindingCode.DENIAL_MISSING),
        codes(h));
    assertEquals("z.test. SOA", h.findings().get(0).rrset());
    assertEquals("z.test. NS", h.findings().get(1).rrset());
    assertEquals(-1, h.findings().get(1).number());
    assertEquals(List.of(key.getFootprint()), h.dnssec().matchedKeyTags());
    assertEquals(20, h.dnssec().daysLeft(), "only the valid DNSKEY signature counts");
  }

  @Test
  void keysWithoutDsAreAnIsland() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    DNSKEYRecord key =
        new DNSKEYRecord(
            ZONE, DClass.IN, 3600, 257, 3, DNSSEC.Algorithm.ECDSAP256SHA256, pair.getPublic());
    InetSocketAddress a = new InetSocketAddress(ip("192.0.2.1"), 53);
    Observations.Probe p =
        new Observations.Probe(
            a,
            List.of(NS1),
            reply(ZONE, Type.SOA, true, true, soa(1, 3600)),
            reply(ZONE, Type.NS, true, true, ns(86400)),
            reply(ZONE, Type.SOA, true, false),
            null,
            reply(ZONE, Type.DNSKEY, true, true, key),
            null);
    Message noDs = reply(ZONE, Type.DS, true, true).reply();
    ZoneHealth h = analyse(List.of(p), noDs);
    assertTrue(codes(h).contains(FindingCode.NO_DS), codes(h).toString());
    assertTrue(codes(h).contains(FindingCode.SIGNATURE_MISSING), codes(h).toString());
  }

  @Test
  void glueMissingForAnInZoneName() throws Exception {
    Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
    glue.put(NS1, List.of());
    Observations o =
        new Observations(
            ZONE,
            name("test."),
            NOW,
            List.of(),
            glue,
            86400L,
            null,
            Map.of(NS1, List.of(ip("192.0.2.1"))),
            List.of(clean("192.0.2.1", 1)));
    assertEquals(List.of(FindingCode.GLUE_MISSING), codes(ZoneAnalysis.analyse(o, 0)));
    Observations none =
        new Observations(
            ZONE,
            name("test."),
            NOW,
            List.of(),
            glue,
            86400L,
            null,
            Map.of(NS1, List.of()),
            List.of());
    assertEquals(List.of(FindingCode.NS_NO_ADDRESS), codes(ZoneAnalysis.analyse(none, 0)));
  }
}
