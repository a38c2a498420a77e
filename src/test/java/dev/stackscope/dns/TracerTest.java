package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.dns.TraceWords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The tracer against the in-process hierarchy of authoritative servers on 127.53.0.x. */
class TracerTest {
  private static FakeHierarchy hierarchy;

  @BeforeAll
  static void start() throws Exception {
    hierarchy = new FakeHierarchy(0);
  }

  @AfterAll
  static void stop() {
    hierarchy.close();
  }

  static Trace trace(FakeHierarchy h, String name, int type) {
    return trace(h, name, type, Duration.ofMillis(300), Tracer.DEFAULT_HEDGE);
  }

  static Trace trace(FakeHierarchy h, String name, int type, Duration timeout, Duration hedge) {
    Tracer tracer =
        new Tracer(
            new SocketTransport(),
            Tracer.Settings.of(
                    RootHints.parse(TestHierarchy.ROOT_HINTS),
                    h.port,
                    Protocol.UDP,
                    timeout,
                    1,
                    Tracer.Family.V4)
                .withHedge(hedge));
    return tracer.trace(QueryName.parse(name), type);
  }

  private static Trace trace(String name, int type) {
    return trace(hierarchy, name, type);
  }

  private static List<String> outcomes(Trace t) {
    return t.steps().stream().map(s -> s.zone() + " " + s.outcome()).toList();
  }

  private static List<String> data(List<RecordData> records) {
    return records.stream().map(r -> r.name() + " " + r.type() + " " + r.data()).toList();
  }

  @Test
  void tellsItsProgressOfEachQueryAsItGoesOut() {
    List<String> told = new java.util.ArrayList<>();
    Trace t =
        new Tracer(
                new SocketTransport(),
                Tracer.Settings.of(
                    RootHints.parse(TestHierarchy.ROOT_HINTS),
                    hierarchy.port,
                    Protocol.UDP,
                    Duration.ofMillis(300),
                    1,
                    Tracer.Family.V4))
            .withProgress(
                (server, address, question, n) -> told.add(n + " " + server + " " + question))
            .trace(QueryName.parse("www.example.test"), Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    List<String> steps = new java.util.ArrayList<>();
    for (int i = 0; i < t.steps().size(); i++) {
      TraceStep s = t.steps().get(i);
      steps.add((i + 1) + " " + s.server().name() + " " + s.question());
    }
    assertEquals(steps, told, "one call per query, numbered, naming the step's server");
    assertEquals("1 a.root-servers.test. www.example.test. A", told.get(0));
  }

  @Test
  void walksDownFromTheRoot() {
    Trace t = trace("www.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(List.of(". referral", "test. referral", "example.test. answer"), outcomes(t));
    assertEquals(List.of("www.example.test. A 127.0.0.40"), data(t.answer()));
    TraceStep root = t.steps().get(0);
    assertEquals("a.root-servers.test.", root.server().name());
    assertEquals("127.53.0.1", root.server().address());
    assertTrue(data(root.records()).contains("test. NS ns1.nic.test."), root.toString());
    assertTrue(data(root.records()).contains("ns1.nic.test. A 127.53.0.2"), root.toString());
    assertTrue(root.bytes() > 0);
    assertEquals(3, t.queries());
  }

  @Test
  void followsASubDelegation() {
    Trace t = trace("host.sub.example.test", Type.A);
    assertEquals(
        List.of(
            ". referral", "test. referral", "example.test. referral", "sub.example.test. answer"),
        outcomes(t));
    assertEquals(List.of("host.sub.example.test. A 127.0.0.50"), data(t.answer()));
  }

  @Test
  void gluelessNameserverIsFoundByANestedTrace() {
    Trace t = trace("www.glueless.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(List.of("www.glueless.test. A 127.0.0.20"), data(t.answer()));
    TraceStep referral = t.steps().get(1);
    assertEquals(TraceStep.Outcome.REFERRAL, referral.outcome());
    assertEquals(1, referral.nested().size(), referral.toString());
    Trace nested = referral.nested().get(0);
    assertEquals("ns.example.lab.", nested.name());
    assertEquals(List.of(". referral", "lab. referral", "example.lab. answer"), outcomes(nested));
    assertEquals("127.53.0.5", t.steps().get(2).server().address());
    assertEquals(3 + nested.queries(), t.queries());
  }

  @Test
  void inZoneCnameIsFollowedWithoutRestart() {
    Trace t = trace("alias.example.test", Type.A);
    assertEquals(
        List.of("alias.example.test. CNAME www.example.test.", "www.example.test. A 127.0.0.40"),
        data(t.answer()));
    assertEquals(3, t.steps().size());
  }

  @Test
  void cnameIntoAnotherTldRestartsFromTheRoot() {
    Trace t = trace("away.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(
        List.of(
            ". referral",
            "test. referral",
            "example.test. cname",
            ". referral",
            "lab. referral",
            "example.lab. answer"),
        outcomes(t));
    assertEquals(0, t.steps().get(2).chain());
    assertEquals(1, t.steps().get(3).chain());
    assertEquals(
        List.of("away.example.test. CNAME www.example.lab.", "www.example.lab. A 127.0.0.30"),
        data(t.answer()));
  }

  @Test
  void nxdomainShowsTheSoa() {
    Trace t = trace("nope.example.test", Type.A);
    assertEquals(Trace.Result.NXDOMAIN, t.result());
    assertEquals("NXDOMAIN", t.steps().get(2).rcode());
    assertEquals(1, t.authority().size());
    assertEquals("SOA", t.authority().get(0).type());
    assertEquals("example.test.", t.authority().get(0).name());
  }

  @Test
  void nodataShowsTheSoa() {
    Trace t = trace("www.example.test", Type.MX);
    assertEquals(Trace.Result.NODATA, t.result());
    assertEquals("NOERROR", t.steps().get(2).rcode());
    assertEquals("SOA", t.authority().get(0).type());
    assertTrue(t.answer().isEmpty());
  }

  @Test
  void lameServerIsReportedAndTheNextOneAsked() {
    Trace t = trace("www.lame.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    TraceStep lame = t.steps().get(2);
    assertEquals(TraceStep.Outcome.LAME, lame.outcome());
    assertEquals("REFUSED", lame.rcode());
    assertEquals("a-lame.lame.test.", lame.server().name());
    assertEquals(TraceStep.Outcome.ANSWER, t.steps().get(3).outcome());
    assertEquals("127.53.0.4", t.steps().get(3).server().address());
  }

  @Test
  void silentServerTimesOutAndTheNextOneIsAsked() {
    int before = hierarchy.queries(TestHierarchy.SILENT);
    Trace t = trace("www.timeout.test", Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(TraceStep.Outcome.TIMEOUT, t.steps().get(2).outcome());
    assertEquals("127.53.0.7", t.steps().get(2).server().address());
    assertEquals(List.of("www.timeout.test. A 127.0.0.12"), data(t.answer()));
    assertEquals(
        before + 1, hierarchy.queries(TestHierarchy.SILENT), "the silent server was asked");
  }

  @Test
  void silentServerIsOvertakenByTheNextServerAskedInParallel() {
    int before = hierarchy.queries(TestHierarchy.SILENT);
    // a timeout far beyond the hedge delay: only the parallel query can end this trace early
    Trace t =
        trace(hierarchy, "www.timeout.test", Type.A, Duration.ofSeconds(20), Tracer.DEFAULT_HEDGE);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(
        List.of(". referral", "test. referral", "timeout.test. abandoned", "timeout.test. answer"),
        outcomes(t));
    TraceStep dead = t.steps().get(2);
    assertEquals(TraceDetail.Kind.NO_REPLY_AFTER, dead.detail().kind());
    assertEquals("b-ok.timeout.test.", dead.detail().winner().name());
    assertEquals("127.53.0.7", dead.server().address());
    assertTrue(
        TraceWords.detail(dead.detail())
            .matches(
                "no reply after \\d+ ms; b-ok\\.timeout\\.test\\. \\(127\\.53\\.0\\.4\\) answered first"),
        TraceWords.detail(dead.detail()));
    assertEquals(null, dead.rttMs());
    assertEquals(null, dead.hedgedAfterMs(), "the first query is not a hedge");
    TraceStep ok = t.steps().get(3);
    assertEquals("127.53.0.4", ok.server().address());
    assertTrue(ok.hedgedAfterMs() != null, "sent while the silent server was still pending: " + ok);
    assertEquals(List.of("www.timeout.test. A 127.0.0.12"), data(t.answer()));
    assertEquals(4, t.queries(), "the parallel query counts");
    assertEquals(
        before + 1, hierarchy.queries(TestHierarchy.SILENT), "the silent server was asked once");
  }

  @Test
  void slowFirstServerStillWinsWhenTheParallelQueryGetsNoReply() throws Exception {
    // swap the two servers of timeout.test: the first one listed answers late, the second never
    java.net.InetAddress dead = TestHierarchy.SERVERS.get(TestHierarchy.SILENT - 1).address();
    java.net.InetAddress ok = TestHierarchy.SERVERS.get(3).address();
    SocketTransport real = new SocketTransport();
    DnsTransport swapped =
        (query, server, protocol, timeout) -> {
          if (server.getAddress().equals(dead)) {
            try {
              Thread.sleep(1500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            server = new java.net.InetSocketAddress(ok, server.getPort());
          } else if (server.getAddress().equals(ok)) {
            server = new java.net.InetSocketAddress(dead, server.getPort());
          }
          return real.exchange(query, server, protocol, timeout);
        };
    Tracer tracer =
        new Tracer(
            swapped,
            Tracer.Settings.of(
                RootHints.parse(TestHierarchy.ROOT_HINTS),
                hierarchy.port,
                Protocol.UDP,
                Duration.ofSeconds(20),
                1,
                Tracer.Family.V4));
    Trace t = tracer.trace(QueryName.parse("www.timeout.test"), Type.A);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(
        List.of(". referral", "test. referral", "timeout.test. answer", "timeout.test. abandoned"),
        outcomes(t));
    assertEquals("a-dead.timeout.test.", t.steps().get(2).server().name());
    TraceStep parallel = t.steps().get(3);
    assertEquals("b-ok.timeout.test.", parallel.server().name());
    assertTrue(parallel.hedgedAfterMs() != null, parallel.toString());
    assertTrue(
        TraceWords.detail(parallel.detail())
            .endsWith("; a-dead.timeout.test. (127.53.0.7) answered first"),
        TraceWords.detail(parallel.detail()));
    assertEquals(TraceDetail.Kind.NO_REPLY_AFTER, parallel.detail().kind());
    assertEquals(
        new TraceStep.ServerRef("a-dead.timeout.test.", "127.53.0.7"), parallel.detail().winner());
    assertEquals(List.of("www.timeout.test. A 127.0.0.12"), data(t.answer()));
  }

  @Test
  void withHedgingOffServersAreAskedOneAtATime() {
    Trace t = trace(hierarchy, "www.timeout.test", Type.A, Duration.ofMillis(800), Duration.ZERO);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(
        List.of(". referral", "test. referral", "timeout.test. timeout", "timeout.test. answer"),
        outcomes(t));
    assertEquals("no reply within 800 ms", TraceWords.detail(t.steps().get(2).detail()));
    assertEquals(
        TraceDetail.timeout(800), t.steps().get(2).detail(), "the kind and the timeout, as data");
    assertTrue(t.steps().stream().allMatch(s -> s.hedgedAfterMs() == null), t.toString());
    assertEquals(4, t.queries());
  }

  @Test
  void fastServersAreNeverHedged() {
    // the benchmark's name: nothing is slow, so no query is added (dig +trace needs 17 there)
    Trace t =
        trace(
            hierarchy,
            "www.deep.glueless.test",
            Type.A,
            Duration.ofSeconds(5),
            Tracer.DEFAULT_HEDGE);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    assertEquals(7, t.queries());
    assertTrue(t.steps().stream().allMatch(s -> s.hedgedAfterMs() == null), t.toString());
    Trace lame =
        trace(hierarchy, "www.lame.test", Type.A, Duration.ofSeconds(5), Tracer.DEFAULT_HEDGE);
    assertEquals(
        List.of(". referral", "test. referral", "lame.test. lame", "lame.test. answer"),
        outcomes(lame),
        "a quick REFUSED moves on at once, without a parallel query");
    assertEquals(null, lame.steps().get(3).hedgedAfterMs());
  }

  @Test
  void truncatedReplyIsRetriedOverTcp() {
    Trace t = trace("big.example.test", Type.TXT);
    assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
    TraceStep truncated = t.steps().get(2);
    assertEquals(TraceStep.Outcome.TRUNCATED, truncated.outcome());
    assertEquals("udp", truncated.protocol());
    assertTrue(truncated.flags().contains("tc"));
    TraceStep viaTcp = t.steps().get(3);
    assertEquals("tcp", viaTcp.protocol());
    assertEquals(TraceStep.Outcome.ANSWER, viaTcp.outcome());
    assertTrue(viaTcp.bytes() > 1232, viaTcp.toString());
    assertTrue(t.answer().get(0).data().contains("chunk15-"), t.answer().toString());
  }

  @Test
  void referralLoopIsRefused() {
    Trace t = trace("www.loop.test", Type.A);
    assertEquals(Trace.Result.FAILED, t.result());
    TraceStep loop = t.steps().get(2);
    assertEquals(TraceStep.Outcome.LAME, loop.outcome());
    assertTrue(
        TraceWords.detail(loop.detail()).contains("loop protection"),
        TraceWords.detail(loop.detail()));
    assertEquals(
        TraceDetail.referralNotDownward("loop.test.", "loop.test.", "www.loop.test."),
        loop.detail());
    assertEquals(TraceFailure.Kind.NO_USABLE_REPLY, t.error().kind());
    assertEquals("loop.test.", t.error().name());
    assertTrue(TraceWords.failure(t.error()).contains("loop.test."), TraceWords.failure(t.error()));
    assertEquals(3, t.queries(), "gives up instead of following the loop");
  }

  @Test
  void cnameLoopEndsWithAClearError() {
    Trace t = trace("loop1.example.test", Type.A);
    assertEquals(Trace.Result.FAILED, t.result());
    assertTrue(
        TraceWords.failure(t.error()).startsWith("CNAME loop"), TraceWords.failure(t.error()));
    assertEquals(TraceFailure.Kind.CNAME_LOOP, t.error().kind());
    assertTrue(t.queries() < 20, "stopped early: " + t.queries());
  }

  @Test
  void moreThanElevenCnamesEndTheTrace() {
    Trace t = trace("c0.example.test", Type.A);
    assertEquals(Trace.Result.FAILED, t.result(), t.toString());
    assertEquals("more than 11 CNAMEs in a row", TraceWords.failure(t.error()));
    assertEquals(TraceFailure.limit(TraceFailure.Kind.TOO_MANY_CNAMES, 11), t.error());
    assertEquals(12, t.answer().size(), "the chain followed so far");
    Trace ok = trace("c2.example.test", Type.A);
    assertEquals(Trace.Result.ANSWER, ok.result(), "11 CNAMEs are still followed: " + ok.error());
    assertEquals("c13.example.lab. A 127.0.0.13", data(ok.answer()).get(11));
  }

  @Test
  void gluelessCycleIsDetected() {
    Trace t = trace("www.cycle.test", Type.A);
    assertEquals(Trace.Result.FAILED, t.result());
    assertTrue(
        TraceWords.failure(t.error()).contains("depends on itself"), TraceWords.failure(t.error()));
    assertTrue(
        t.error().servers().stream()
            .anyMatch(f -> f.kind() == TraceFailure.ServerFailure.Kind.CYCLE),
        t.error().toString());
  }

  /** Every step of a trace, nested traces' steps included. */
  static int allSteps(Trace t) {
    int n = 0;
    for (TraceStep s : t.steps()) {
      n++;
      for (Trace nested : s.nested()) {
        n += allSteps(nested);
      }
    }
    return n;
  }

  /** Every nested trace (one per nameserver address lookup), at any depth. */
  static int allLookups(Trace t) {
    int n = 0;
    for (TraceStep s : t.steps()) {
      for (Trace nested : s.nested()) {
        n += 1 + allLookups(nested);
      }
    }
    return n;
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      value = 30,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void zonesWhoseNameserversLiveInEachOtherEndWithinTheLimits() {
    // mutual-a.test NS ns0..9.mutual-b.test, mutual-b.test NS ns0..9.mutual-a.test, no glue:
    // the nested lookups answered from what is known send no query, and must count all the same
    Trace t = trace("www.mutual-a.test", Type.A);
    assertEquals(Trace.Result.FAILED, t.result(), TraceWords.failure(t.error()));
    assertTrue(
        TraceWords.failure(t.error()).contains("mutual-a.test."), TraceWords.failure(t.error()));
    assertTrue(
        TraceWords.failure(t.error()).contains("glueless cycle"), TraceWords.failure(t.error()));
    assertTrue(
        TraceWords.failure(t.error()).length() <= 2000,
        "the error stays short: " + TraceWords.failure(t.error()).length());
    assertTrue(t.queries() <= Tracer.MAX_QUERIES, "queries " + t.queries());
    assertTrue(allLookups(t) <= Tracer.MAX_LOOKUPS, "lookups " + allLookups(t));
    assertTrue(allSteps(t) <= Tracer.MAX_QUERIES + Tracer.MAX_LOOKUPS, "steps " + allSteps(t));
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      value = 30,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void nestedLookupsAnsweredWithoutAQueryCountTowardsTheLimit() {
    // 40 nameserver names of which none can be found: with A and AAAA asked for each, more
    // lookups than the limit allows, though only the two referrals are ever sent
    Tracer tracer =
        new Tracer(
            new MutualZones(40),
            Tracer.Settings.of(
                RootHints.parse(TestHierarchy.ROOT_HINTS),
                53,
                Protocol.UDP,
                Duration.ofMillis(100),
                1,
                Tracer.Family.ANY));
    Trace t = tracer.trace(QueryName.parse("www.a.test"), Type.A);
    assertEquals(Trace.Result.FAILED, t.result());
    assertEquals(
        "nested lookup limit reached (" + Tracer.MAX_LOOKUPS + " lookups of nameserver addresses)",
        TraceWords.failure(t.error()));
    assertEquals(Tracer.MAX_LOOKUPS, allLookups(t));
    assertEquals(TraceFailure.limit(TraceFailure.Kind.LOOKUP_LIMIT, Tracer.MAX_LOOKUPS), t.error());
    assertTrue(t.queries() <= 3, "only the referrals were sent: " + t.queries());
  }

  /**
   * A root server (127.53.0.1) that delegates a.test to {@code n} glueless names in b.test and
   * b.test to {@code n} glueless names in a.test; no other server has an address.
   */
  static final class MutualZones implements DnsTransport {
    private final int n;

    MutualZones(int n) {
      this.n = n;
    }

    @Override
    public Exchange exchange(
        org.xbill.DNS.Message query,
        java.net.InetSocketAddress server,
        Protocol protocol,
        Duration timeout)
        throws java.io.IOException {
      org.xbill.DNS.Name qname = query.getQuestion().getName();
      org.xbill.DNS.Message r = new org.xbill.DNS.Message(query.getHeader().getID());
      r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
      r.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
      String zone = qname.subdomain(org.xbill.DNS.Name.fromString("a.test.")) ? "a" : "b";
      String other = zone.equals("a") ? "b" : "a";
      org.xbill.DNS.Name cut = org.xbill.DNS.Name.fromString(zone + ".test.");
      for (int i = 0; i < n; i++) {
        r.addRecord(
            new org.xbill.DNS.NSRecord(
                cut,
                org.xbill.DNS.DClass.IN,
                3600,
                org.xbill.DNS.Name.fromString("ns" + i + "." + other + ".test.")),
            org.xbill.DNS.Section.AUTHORITY);
      }
      return new Exchange(server, protocol, r, 0.1, r.toWire().length);
    }
  }

  @Test
  void fourLevelNameWithGluelessDelegation() {
    Trace t = trace("www.deep.glueless.test", Type.A);
    assertEquals(List.of("www.deep.glueless.test. A 127.0.0.60"), data(t.answer()));
    assertEquals(
        List.of(
            ". referral",
            "test. referral",
            "glueless.test. referral",
            "deep.glueless.test. answer"),
        outcomes(t));
  }

  @Test
  void outOfBailiwickGlueIsDroppedAndReResolved() throws Exception {
    try (FakeHierarchy forged = new FakeHierarchy(2)) {
      Trace t = trace(forged, "www.glueless.test", Type.A);
      assertEquals(Trace.Result.ANSWER, t.result(), t.toString());
      TraceStep referral = t.steps().get(1);
      assertEquals(
          List.of("ns.example.lab. A 127.53.0.66"), data(referral.dropped()), referral.toString());
      assertEquals(1, referral.nested().size());
      List<String> asked = new ArrayList<>();
      t.steps().forEach(s -> asked.add(s.server().address()));
      assertFalse(asked.contains("127.53.0.66"), asked.toString());
    }
  }

  @Test
  void queryLimitEndsARunawayTrace() throws Exception {
    // a root that lists many silent servers before the real one would need more than 200 queries
    StringBuilder hints = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      hints.append(".  3600  NS  s").append(i).append(".invalid.\n");
      hints
          .append("s")
          .append(i)
          .append(".invalid.  3600  A  127.53.0.")
          .append(TestHierarchy.SILENT)
          .append('\n');
    }
    Tracer tracer =
        new Tracer(
            new FakeTransport(),
            Tracer.Settings.of(
                RootHints.parse(hints.toString()),
                53,
                Protocol.UDP,
                Duration.ofMillis(1),
                1,
                Tracer.Family.V4));
    Trace t = tracer.trace(QueryName.parse("www.example.test"), Type.A);
    assertEquals(Trace.Result.FAILED, t.result());
    assertEquals(Tracer.MAX_QUERIES, t.queries());
    assertTrue(
        TraceWords.failure(t.error()).contains("query limit"), TraceWords.failure(t.error()));
    assertEquals(TraceFailure.Kind.QUERY_LIMIT, t.error().kind());
  }

  @Test
  void queryLimitCountsQueriesSentInParallel() throws Exception {
    StringBuilder hints = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      hints.append(".  3600  NS  s").append(i).append(".invalid.\n");
      hints
          .append("s")
          .append(i)
          .append(".invalid.  3600  A  127.53.0.")
          .append(TestHierarchy.SILENT)
          .append('\n');
    }
    SilentTransport silent = new SilentTransport();
    try {
      Tracer tracer =
          new Tracer(
              silent,
              Tracer.Settings.of(
                      RootHints.parse(hints.toString()),
                      53,
                      Protocol.UDP,
                      Duration.ofMinutes(1),
                      1,
                      Tracer.Family.V4)
                  .withHedge(Duration.ofMillis(1)));
      Trace t = tracer.trace(QueryName.parse("www.example.test"), Type.A);
      assertEquals(Trace.Result.FAILED, t.result());
      assertTrue(
          TraceWords.failure(t.error()).contains("query limit"), TraceWords.failure(t.error()));
      assertEquals(TraceFailure.Kind.QUERY_LIMIT, t.error().kind());
      assertEquals(Tracer.MAX_QUERIES, t.queries());
      assertEquals(Tracer.MAX_QUERIES, t.steps().size());
      assertTrue(silent.await(Tracer.MAX_QUERIES), "every query counted was sent: " + silent.asked);
      // nothing replied and nothing timed out: every query was pending when the limit ended the
      // trace
      assertTrue(
          t.steps().stream().allMatch(s -> s.outcome() == TraceStep.Outcome.ABANDONED),
          t.steps().get(0).toString());
      assertTrue(
          TraceWords.detail(t.steps().get(0).detail()).endsWith("ms; the trace ended"),
          TraceWords.detail(t.steps().get(0).detail()));
      assertEquals(TraceDetail.Kind.NO_REPLY_AFTER, t.steps().get(0).detail().kind());
      assertEquals(null, t.steps().get(0).detail().winner(), "the trace ended, no server won");
      assertEquals(
          Tracer.MAX_QUERIES - 1,
          t.steps().stream().filter(s -> s.hedgedAfterMs() != null).count());
    } finally {
      silent.release.countDown();
    }
  }

  @Test
  void theWholeTraceEndsAtItsTimeLimitWhateverThePerQueryTimeout() throws Exception {
    StringBuilder hints = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      hints.append(".  3600  NS  s").append(i).append(".invalid.\n");
      hints
          .append("s")
          .append(i)
          .append(".invalid.  3600  A  127.53.0.")
          .append(TestHierarchy.SILENT)
          .append('\n');
    }
    SilentTransport silent = new SilentTransport();
    try {
      Tracer tracer =
          new Tracer(
              silent,
              Tracer.Settings.of(
                  RootHints.parse(hints.toString()),
                  53,
                  Protocol.UDP,
                  Duration.ofMinutes(1),
                  1,
                  Tracer.Family.V4),
              Duration.ofMillis(500));
      long start = System.nanoTime();
      Trace t = tracer.trace(QueryName.parse("www.example.test"), Type.A);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Trace.Result.FAILED, t.result());
      assertEquals(
          "time limit reached (500 ms for the whole trace)", TraceWords.failure(t.error()));
      assertEquals(TraceFailure.limit(TraceFailure.Kind.TIME_LIMIT, 500), t.error());
      assertTrue(ms < 10_000, "ended near its limit, not at a query's minute: " + ms + " ms");
    } finally {
      silent.release.countDown();
    }
  }

  /** A network that never replies: each query waits until the test releases it. */
  static final class SilentTransport implements DnsTransport {
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Exchange exchange(
        org.xbill.DNS.Message query,
        java.net.InetSocketAddress server,
        Protocol protocol,
        Duration timeout)
        throws java.io.IOException {
      asked.incrementAndGet();
      try {
        release.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new java.net.SocketTimeoutException("silent");
    }

    /** Whether {@code n} queries have reached this network (they start on other threads). */
    boolean await(int n) throws InterruptedException {
      for (int i = 0; i < 500 && asked.get() < n; i++) {
        Thread.sleep(10);
      }
      return asked.get() == n;
    }
  }

  /** A network where every query times out at once. */
  static final class FakeTransport implements DnsTransport {
    @Override
    public Exchange exchange(
        org.xbill.DNS.Message query,
        java.net.InetSocketAddress server,
        Protocol protocol,
        Duration timeout)
        throws java.io.IOException {
      throw new java.net.SocketTimeoutException("silent");
    }
  }
}
