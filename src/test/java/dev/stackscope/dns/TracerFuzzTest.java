package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Fuzz target for the iterative tracer, its reply classifier and (with DNSSEC on) the chain
 * validator, driven by a fake transport whose every reply comes from the fuzzer's data: a timeout,
 * an I/O error, a raw wire message, or a message built from a small vocabulary of names, types and
 * flags near the question (so that referrals, glue, CNAME chains, glueless cycles, denials and
 * signatures are reached). No packet is sent. Without JAZZER_FUZZ it replays the corpus in {@code
 * TracerFuzzTestInputs/tracer/}.
 */
class TracerFuzzTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final int[] QTYPES = {Type.A, Type.AAAA, Type.NS, Type.CNAME, Type.TXT, Type.MX};
  private static final String[] QNAMES = {"www.a.test", "a.test", "x.b.test", "test", "c.a.test"};
  private static final String[] NAMES = {
    ".",
    "test.",
    "a.test.",
    "b.test.",
    "ns1.a.test.",
    "ns2.b.test.",
    "ns.test.",
    "c.a.test.",
    "www.a.test.",
    "x.b.test.",
    "root-ns.test.",
    "other."
  };

  /**
   * No exception escapes a trace; the query limit holds and every query sent is a step (no
   * uncounted traffic); nested lookups stay within the depth limit; the output holds no more
   * records than the replies did (bounded output).
   */
  @FuzzTest
  void tracer(FuzzedDataProvider data) throws Exception {
    boolean dnssec = data.consumeBoolean();
    Tracer.Family family = data.pickValue(Tracer.Family.values());
    int tries = data.consumeInt(1, 3);
    Protocol protocol = data.consumeBoolean() ? Protocol.UDP : Protocol.TCP;
    List<NameServer> roots = new ArrayList<>();
    roots.add(new NameServer(Name.fromString("a.root-ns.test."), List.of(address(1))));
    if (data.consumeBoolean()) {
      roots.add(new NameServer(Name.fromString("root-ns.test."), List.of())); // glueless
    }
    List<Record> anchors = dnssec ? List.of(dsRecord(data, Name.root)) : null;
    QueryName qname = QueryName.parse(data.pickValue(QNAMES));
    int qtype = data.pickValue(QTYPES);

    FakeTransport transport = new FakeTransport(data);
    Tracer.Settings settings =
        new Tracer.Settings(
            roots,
            53,
            protocol,
            Duration.ofSeconds(1),
            tries,
            family,
            dnssec,
            anchors,
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ZERO);
    Trace trace = new Tracer(transport, settings).trace(qname, qtype);

    assertTrue(trace.queries() <= Tracer.MAX_QUERIES, "queries: " + trace.queries());
    assertEquals(transport.exchanges, trace.queries(), "every query sent is counted");
    Size size = new Size();
    size.add(trace, 0);
    assertEquals(transport.exchanges, size.sent, "every query sent is a step");
    assertTrue(size.depth <= Tracer.MAX_DEPTH, "nested depth " + size.depth);
    assertTrue(
        size.records <= 4L * transport.recordsSent + 16,
        size.records + " records shown, " + transport.recordsSent + " received");
    assertTrue(size.nested <= 10_000, "nested lookups: " + size.nested);
    assertTrue(trace.result() != null, "a trace always ends with a result");
    if (dnssec) {
      assertTrue(trace.dnssec() != null, "a --dnssec trace has a verdict");
    }
  }

  /** Counts a trace tree: steps that sent a query, records shown, nested traces, depth. */
  private static final class Size {
    int sent;
    long records;
    int nested;
    int depth;

    void add(Trace t, int level) {
      depth = Math.max(depth, level);
      records += t.answer().size() + t.authority().size();
      for (TraceStep s : t.steps()) {
        if (s.server() != null) {
          sent++;
        }
        records += s.records().size() + s.dropped().size();
        for (Trace n : s.nested()) {
          nested++;
          add(n, level + 1);
        }
      }
    }
  }

  /** Answers every query from the fuzzer's data; never touches a socket. */
  /**
   * Root servers learnt from a resolver's replies ({@code dns trace --server}): no exception but
   * {@link IOException} escapes; at most 13 roots, each with an address of the family asked; every
   * query sent is a step, at most the NS query and A and AAAA per root.
   */
  @FuzzTest
  void priming(FuzzedDataProvider data) throws Exception {
    Tracer.Family family = data.pickValue(Tracer.Family.values());
    FakeTransport transport = new FakeTransport(data);
    TracePriming.Primed primed;
    try {
      primed =
          TracePriming.ask(
              transport,
              new InetSocketAddress(address(53), 53),
              Protocol.UDP,
              Duration.ofSeconds(1),
              family);
    } catch (IOException e) {
      return; // no usable root NS set, or no reply: the command says so
    }
    assertTrue(!primed.roots().isEmpty() && primed.roots().size() <= 13, primed.toString());
    for (NameServer ns : primed.roots()) {
      assertTrue(!ns.addresses().isEmpty(), ns.toString());
      for (InetAddress a : ns.addresses()) {
        assertTrue(
            family == Tracer.Family.ANY
                || (family == Tracer.Family.V4) == (a instanceof java.net.Inet4Address),
            ns + " for " + family);
      }
    }
    assertEquals(transport.exchanges, primed.steps().size(), "every query sent is a step");
    assertTrue(primed.steps().size() <= 1 + 2 * 13, "steps: " + primed.steps().size());
  }

  private static final class FakeTransport implements DnsTransport {
    private final FuzzedDataProvider data;
    int exchanges;
    long recordsSent;

    FakeTransport(FuzzedDataProvider data) {
      this.data = data;
    }

    @Override
    public Exchange exchange(
        Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
        throws IOException {
      exchanges++;
      int mode = data.consumeInt(0, 15);
      if (mode == 0 || data.remainingBytes() == 0) {
        throw new SocketTimeoutException("fuzz: no reply");
      }
      if (mode == 1) {
        throw new IOException("fuzz: connection refused");
      }
      Message reply;
      if (mode == 2) {
        byte[] wire = data.consumeBytes(data.consumeInt(0, 1500));
        reply = new Message(wire); // a WireParseException is an IOException, as on the wire
        reply.getHeader().setID(query.getHeader().getID());
      } else {
        reply = build(query);
      }
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
        recordsSent += reply.getSection(section).size();
      }
      return new Exchange(server, protocol, reply, 1.0, 512);
    }

    private Message build(Message query) {
      Message m = new Message(query.getHeader().getID());
      m.addRecord(query.getQuestion(), Section.QUESTION);
      if (data.consumeProbabilityFloat() < 0.95f) {
        m.getHeader().setFlag(Flags.QR);
      }
      if (data.consumeBoolean()) {
        m.getHeader().setFlag(Flags.AA);
      }
      if (data.consumeProbabilityFloat() < 0.05f) {
        m.getHeader().setFlag(Flags.TC);
      }
      int rcode = data.consumeProbabilityFloat() < 0.8f ? 0 : data.consumeInt(0, 5);
      m.getHeader().setRcode(rcode);
      Name qname = query.getQuestion().getName();
      int count = data.consumeInt(0, 10);
      for (int i = 0; i < count; i++) {
        int section = data.consumeInt(Section.ANSWER, Section.ADDITIONAL);
        Record r = record(qname, query.getQuestion().getType());
        if (r != null) {
          m.addRecord(r, section);
        }
      }
      return m;
    }

    private Record record(Name qname, int qtype) {
      Name owner = name(qname);
      long ttl = data.consumeInt(0, 86400);
      try {
        switch (data.consumeInt(0, 10)) {
          case 0:
            return new ARecord(owner, DClass.IN, ttl, address(data.consumeInt(1, 4)));
          case 1:
            return new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByName("::1"));
          case 2:
          case 3:
            return new NSRecord(owner, DClass.IN, ttl, name(qname));
          case 4:
            return new CNAMERecord(owner, DClass.IN, ttl, name(qname));
          case 5:
            return new SOARecord(owner, DClass.IN, ttl, name(qname), name(qname), 1, 2, 3, 4, 5);
          case 6:
            return dsRecord(data, owner);
          case 7:
            return new DNSKEYRecord(
                owner,
                DClass.IN,
                ttl,
                data.pickValue(new int[] {256, 257, 0}),
                3,
                data.pickValue(new int[] {8, 13, 15, 5}),
                data.consumeBytes(data.consumeInt(0, 64)));
          case 8:
            return new RRSIGRecord(
                owner,
                DClass.IN,
                ttl,
                data.consumeBoolean() ? qtype : data.pickValue(QTYPES_SIGNED),
                13,
                ttl,
                NOW.plusSeconds(data.consumeInt(-1000, 100_000)),
                NOW.minusSeconds(data.consumeInt(-1000, 100_000)),
                data.consumeInt(0, 65535),
                name(qname),
                data.consumeBytes(data.consumeInt(0, 64)));
          case 9:
            return new NSECRecord(
                owner,
                DClass.IN,
                ttl,
                name(qname),
                new int[] {Type.NS, Type.SOA, Type.RRSIG, Type.NSEC, Type.DNSKEY});
          default:
            return new TXTRecord(owner, DClass.IN, ttl, "fuzz");
        }
      } catch (IllegalArgumentException | IOException e) {
        return null; // the generator's own limits (e.g. a DNSKEY dnsjava refuses); not a finding
      }
    }

    private Name name(Name qname) {
      int pick = data.consumeInt(0, NAMES.length + 2);
      try {
        if (pick == NAMES.length) {
          return qname;
        }
        if (pick == NAMES.length + 1) {
          return Tracer.parent(qname);
        }
        if (pick == NAMES.length + 2) {
          return Name.concatenate(Name.fromString("ns"), qname);
        }
        return Name.fromString(NAMES[pick]);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final int[] QTYPES_SIGNED = {
    Type.A, Type.NS, Type.SOA, Type.DS, Type.DNSKEY, Type.CNAME, Type.NSEC
  };

  private static Record dsRecord(FuzzedDataProvider data, Name owner) {
    int digestType = data.pickValue(new int[] {2, 1, 4});
    int length = digestType == 1 ? 20 : digestType == 2 ? 32 : 48; // dnsjava checks the length
    byte[] digest = java.util.Arrays.copyOf(data.consumeBytes(length), length);
    return new DSRecord(
        owner,
        DClass.IN,
        3600,
        data.consumeInt(0, 65535),
        data.pickValue(new int[] {8, 13}),
        digestType,
        digest);
  }

  private static InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
