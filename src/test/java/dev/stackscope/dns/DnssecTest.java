package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.dns.TraceWords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * --dnssec validation against the in-process hierarchy with zones signed for real (ECDSA P-256,
 * NSEC): the root, test., example.test. and lab. are signed; sub.example.test., glueless.test. and
 * the others are unsigned delegations whose absent DS the parent proves; the root's DS for lab.
 * matches no key of lab.; example.test. holds a tampered and an expired signature.
 */
class DnssecTest {
  private static FakeHierarchy hierarchy;
  private static SignedHierarchy signed;
  private static Map<String, ZoneSigner> signers;

  @BeforeAll
  static void start() throws Exception {
    signed = new SignedHierarchy();
    hierarchy = signed.hierarchy;
    signers = signed.signers;
  }

  @AfterAll
  static void stop() {
    hierarchy.close();
  }

  static Trace trace(String name, int type, List<Record> anchors) {
    Tracer tracer =
        new Tracer(
            new SocketTransport(),
            Tracer.Settings.of(
                    RootHints.parse(TestHierarchy.ROOT_HINTS),
                    hierarchy.port,
                    Protocol.UDP,
                    Duration.ofMillis(300),
                    1,
                    Tracer.Family.V4)
                .withDnssec(anchors, Clock.systemUTC()));
    return tracer.trace(QueryName.parse(name), type);
  }

  private static Trace trace(String name, int type) {
    return trace(name, type, List.of(signers.get(".").ds()));
  }

  private static List<String> verdicts(Trace t) {
    return t.steps().stream()
        .map(
            s ->
                s.zone()
                    + " "
                    + s.question().split(" ")[1]
                    + " "
                    + s.outcome()
                    + " "
                    + (s.dnssec() == null ? "-" : s.dnssec().status()))
        .toList();
  }

  @Test
  void aFullySignedChainIsSecure() {
    Trace t = trace("www.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(
        List.of(
            ". DNSKEY answer secure",
            ". A referral secure",
            "test. DNSKEY answer secure",
            "test. A referral secure",
            "example.test. DNSKEY answer secure",
            "example.test. A answer secure"),
        verdicts(t));
    assertEquals(Validation.Status.SECURE, t.dnssec().status(), t.dnssec().toString());
    assertEquals(6, t.queries());
  }

  @Test
  void signedDenialsAreSecure() {
    Trace nx = trace("nope.example.test", Type.A);
    assertEquals(Trace.Result.NXDOMAIN, nx.result());
    assertEquals(Validation.Status.SECURE, nx.dnssec().status(), nx.dnssec().toString());
    Trace nodata = trace("www.example.test", Type.MX);
    assertEquals(Trace.Result.NODATA, nodata.result());
    assertEquals(Validation.Status.SECURE, nodata.dnssec().status(), nodata.dnssec().toString());
  }

  @Test
  void aCnameChainIsValidatedLinkByLink() {
    Trace t = trace("alias.example.test", Type.A);
    assertEquals(Validation.Status.SECURE, t.dnssec().status(), t.dnssec().toString());
    Trace away = trace("away.example.test", Type.A);
    // the CNAME is signed, its target lives under lab. whose DS matches no key
    assertEquals(Validation.Status.BOGUS, away.dnssec().status(), away.dnssec().toString());
  }

  @Test
  void anUnsignedChildWithProvenAbsentDsIsInsecure() {
    Trace t = trace("host.sub.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result());
    List<String> v = verdicts(t);
    assertEquals("example.test. A referral insecure", v.get(v.size() - 2), v.toString());
    assertEquals("sub.example.test. A answer insecure", v.get(v.size() - 1), v.toString());
    assertEquals(Validation.Status.INSECURE, t.dnssec().status(), t.dnssec().toString());
    assertTrue(
        t.steps().stream().noneMatch(s -> s.question().equals("sub.example.test. DNSKEY")),
        "no DNSKEY query for a zone proven unsigned");
  }

  @Test
  void aTamperedSignatureIsBogus() {
    Trace t = trace("tampered.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result());
    assertEquals(Validation.Status.BOGUS, t.dnssec().status());
    assertTrue(
        TraceWords.reason(t.dnssec().reason()).contains("bad signature"),
        TraceWords.reason(t.dnssec().reason()));
    assertEquals(ValidationReason.Kind.RRSET_UNVERIFIED, t.dnssec().reason().kind());
    assertEquals(
        ValidationReason.SignatureProblem.Kind.BAD_SIGNATURE,
        t.dnssec().reason().signature().kind());
  }

  @Test
  void anExpiredSignatureIsBogus() {
    Trace t = trace("expired.example.test", Type.A);
    assertEquals(Validation.Status.BOGUS, t.dnssec().status());
    assertTrue(
        TraceWords.reason(t.dnssec().reason()).contains("signature expired"),
        TraceWords.reason(t.dnssec().reason()));
    assertEquals(
        ValidationReason.SignatureProblem.Kind.EXPIRED, t.dnssec().reason().signature().kind());
    assertTrue(t.dnssec().reason().signature().time() != null, t.dnssec().toString());
  }

  @Test
  void aDsMatchingNoKeyIsBogus() {
    Trace t = trace("www.example.lab", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result());
    assertEquals(Validation.Status.BOGUS, t.dnssec().status());
    TraceStep keys =
        t.steps().stream()
            .filter(s -> s.question().equals("lab. DNSKEY"))
            .findFirst()
            .orElseThrow();
    assertEquals(Validation.Status.BOGUS, keys.dnssec().status());
    assertTrue(
        TraceWords.reason(keys.dnssec().reason()).contains("matches its DS"),
        TraceWords.reason(keys.dnssec().reason()));
    assertEquals(ValidationReason.Kind.NO_KEY_MATCHES, keys.dnssec().reason().kind());
    assertEquals(ValidationReason.KeySource.DS, keys.dnssec().reason().source());
    assertEquals("lab.", keys.dnssec().reason().zone());
  }

  @Test
  void aWrongTrustAnchorMakesTheRootBogus() throws Exception {
    Trace t = trace("www.example.test", Type.A, List.of(new ZoneSigner(".").ds()));
    assertEquals(Validation.Status.BOGUS, t.dnssec().status());
    assertEquals(". DNSKEY answer bogus", verdicts(t).get(0));
  }

  @Test
  void anAnchorBelowTheRootLeavesTheRootIndeterminate() {
    Trace t = trace("www.example.test", Type.A, List.of(signers.get("test.").key));
    List<String> v = verdicts(t);
    assertEquals(". A referral indeterminate", v.get(0), v.toString());
    assertEquals(Validation.Status.SECURE, t.dnssec().status(), t.dnssec().toString());
  }

  @Test
  void withoutDnssecNothingIsValidated() {
    Trace t = TracerTest.trace(hierarchy, "www.example.test", Type.A);
    assertNull(t.dnssec());
    assertTrue(t.steps().stream().allMatch(s -> s.dnssec() == null));
  }

  @Test
  void trustAnchorsParseWithAndWithoutTtlAndTheBuiltInOnesAreTheRootKsks() {
    List<Record> parsed =
        TrustAnchors.parse(
            "example.test.\tIN\tDS\t34563 13 2 4cc496da24263906c5408f6b05f3c6e3687a214da87e06aaf0f639eec91111fd\n"
                + "test. 3600 IN DNSKEY 257 3 13 fP7zavgsCLmio+mAVujMcXDKnweI2ZrmlLCK73XrQ6KokUm0qS1ycCdeDUvzOIc+k6vLHmJYTxJjQHWByX6twQ==\n"
                + "www.test. 300 IN A 127.0.0.1\n");
    assertEquals(
        List.of("example.test./DS", "test./DNSKEY"),
        parsed.stream().map(r -> r.getName() + "/" + Type.string(r.getType())).toList());
    assertEquals(
        List.of(20326, 38696),
        TrustAnchors.builtIn().stream()
            .map(r -> ((org.xbill.DNS.DSRecord) r).getFootprint())
            .toList());
    DnsInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DnsInputException.class, () -> TrustAnchors.parse("www.test. 300 IN A 127.0.0.1\n"));
    assertTrue(e.getMessage().contains("no DS or DNSKEY"), e.getMessage());
  }
}
