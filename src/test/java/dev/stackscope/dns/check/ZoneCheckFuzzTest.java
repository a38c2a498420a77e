package dev.stackscope.dns.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Fuzz target for {@code dns check}: the walk to the parent, the probes and every rule of the
 * analysis, driven by a fake transport whose every reply comes from the fuzzer's data (a timeout,
 * an I/O error, raw wire bytes through {@link SocketTransport#parseMatching}, or a message built
 * from a small vocabulary of names and record types around the zone). One thread, so a run is
 * reproducible. Without JAZZER_FUZZ it replays the corpus in {@code
 * ZoneCheckFuzzTestInputs/zoneCheck/}.
 */
class ZoneCheckFuzzTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] NAMES = {
    ".",
    "test.",
    "a.test.",
    "ns1.a.test.",
    "ns2.a.test.",
    "ns.test.",
    "ns.other.",
    "other.",
    "x.a.test."
  };

  /**
   * No exception escapes; the query limit holds and every query is counted; the server and name
   * limits hold; each finding carries its code's severity and names an address that was asked; the
   * verdict follows from the findings.
   */
  @FuzzTest
  void zoneCheck(FuzzedDataProvider data) throws Exception {
    FakeTransport transport = new FakeTransport(data);
    List<NameServer> roots =
        List.of(new NameServer(Name.fromString("a.root."), List.of(address(1))));
    ZoneChecker checker =
        new ZoneChecker(
            transport,
            new ZoneChecker.Settings(
                roots, 53, Duration.ofMillis(100), Clock.fixed(NOW, ZoneOffset.UTC)),
            1);
    Name zone = Name.fromString(data.pickValue(new String[] {"a.test.", "test.", "."}));
    ZoneHealth h = checker.check(zone, ZoneChecker.Progress.NONE);

    assertTrue(transport.exchanges <= Asker.MAX_QUERIES, "query limit");
    assertTrue(h.queries() >= transport.exchanges, "every query counted");
    assertTrue(h.servers().size() <= ZoneChecker.MAX_ADDRESSES, "address limit");
    assertTrue(h.delegation().size() <= ZoneChecker.MAX_NAMES, "name limit");
    Set<String> asked = new HashSet<>();
    h.servers().forEach(s -> asked.add(s.address()));
    boolean error = false;
    boolean partial = false;
    for (Finding f : h.findings()) {
      assertEquals(f.code().severity(), f.severity(), f.toString());
      assertTrue(f.address() == null || asked.contains(f.address()), f.toString());
      if (f.severity() == Severity.ERROR) {
        error |= !f.code().partial();
        partial |= f.code().partial();
      }
    }
    ZoneHealth.Verdict expected =
        error
            ? ZoneHealth.Verdict.ERRORS
            : partial ? ZoneHealth.Verdict.PARTIAL : ZoneHealth.Verdict.OK;
    assertEquals(expected, h.verdict());
  }

  /** Answers every query from the fuzzer's data; never touches a socket. */
  private static final class FakeTransport implements DnsTransport {
    private final FuzzedDataProvider data;
    int exchanges;

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
        if (wire.length >= 2) {
          wire[0] = (byte) (query.getHeader().getID() >>> 8);
          wire[1] = (byte) query.getHeader().getID();
        }
        reply = SocketTransport.parseMatching(query, wire, wire.length);
        if (reply == null) {
          throw new SocketTimeoutException("fuzz: no matching reply");
        }
      } else {
        reply = build(query);
      }
      return new Exchange(server, protocol, reply, 1.0, 512);
    }

    private Message build(Message query) throws IOException {
      Message m = new Message(query.getHeader().getID());
      m.addRecord(query.getQuestion(), Section.QUESTION);
      m.getHeader().setFlag(Flags.QR);
      for (int flag : new int[] {Flags.AA, Flags.RA, Flags.TC}) {
        if (data.consumeProbabilityFloat() < (flag == Flags.TC ? 0.05f : 0.5f)) {
          m.getHeader().setFlag(flag);
        }
      }
      m.getHeader().setRcode(data.consumeProbabilityFloat() < 0.8f ? 0 : data.consumeInt(0, 5));
      Name qname = query.getQuestion().getName();
      int count = data.consumeInt(0, 10);
      for (int i = 0; i < count; i++) {
        Record r = record(qname, query.getQuestion().getType());
        if (r != null) {
          m.addRecord(r, data.consumeInt(Section.ANSWER, Section.ADDITIONAL));
        }
      }
      if (data.consumeBoolean()) {
        m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      }
      return m;
    }

    private Record record(Name qname, int qtype) throws IOException {
      Name owner = data.consumeBoolean() ? qname : name();
      long ttl = data.consumeInt(0, 1_000_000);
      try {
        return switch (data.consumeInt(0, 10)) {
          case 0 -> new ARecord(owner, DClass.IN, ttl, address(data.consumeInt(1, 6)));
          case 1 -> new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByName("::1"));
          case 2, 3 -> new NSRecord(owner, DClass.IN, ttl, name());
          case 4 ->
              new SOARecord(
                  owner,
                  DClass.IN,
                  ttl,
                  name(),
                  name(),
                  data.consumeLong(),
                  2,
                  3,
                  4,
                  data.consumeInt(0, 1_000_000));
          case 5 ->
              new DSRecord(
                  owner,
                  DClass.IN,
                  ttl,
                  data.consumeInt(0, 65535),
                  13,
                  2,
                  java.util.Arrays.copyOf(data.consumeBytes(32), 32));
          case 6 ->
              new DNSKEYRecord(
                  owner,
                  DClass.IN,
                  ttl,
                  data.pickValue(new int[] {256, 257}),
                  3,
                  data.pickValue(new int[] {8, 13}),
                  data.consumeBytes(data.consumeInt(0, 64)));
          case 7 ->
              new RRSIGRecord(
                  owner,
                  DClass.IN,
                  ttl,
                  data.consumeBoolean()
                      ? qtype
                      : data.pickValue(new int[] {Type.SOA, Type.NS, Type.DNSKEY}),
                  13,
                  ttl,
                  NOW.plusSeconds(data.consumeInt(-1_000_000, 1_000_000)),
                  NOW.minusSeconds(data.consumeInt(0, 100_000)),
                  data.consumeInt(0, 65535),
                  name(),
                  data.consumeBytes(data.consumeInt(0, 64)));
          case 8 -> new NSECRecord(owner, DClass.IN, ttl, name(), new int[] {Type.NS, Type.SOA});
          case 9 ->
              new NSEC3Record(
                  owner, DClass.IN, ttl, 1, 0, 0, new byte[0], new byte[20], new int[] {Type.A});
          default ->
              new NSRecord(owner, DClass.IN, ttl, Name.concatenate(Name.fromString("ns"), qname));
        };
      } catch (IllegalArgumentException | org.xbill.DNS.NameTooLongException e) {
        return null; // the generator's own limits (a value dnsjava refuses); not a finding
      }
    }

    private Name name() throws IOException {
      return Name.fromString(data.pickValue(NAMES));
    }
  }

  private static InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
