package dev.stackscope.cli.dns;

import static dev.stackscope.testing.CliRunner.stackscope;
import static dev.stackscope.testing.CliRunner.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * {@code dns resolve --dnssec} reads the resolver's verdict: a small recursive-resolver stand-in on
 * loopback that sets AD on names under secure.test, answers SERVFAIL for bogus.test (as a
 * validating resolver does for bogus data), and plain answers otherwise.
 */
class DnsResolveDnssecTest {
  private static DatagramSocket socket;
  private static final AtomicBoolean sawDo = new AtomicBoolean();

  @BeforeAll
  static void start() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(DnsResolveDnssecTest::serve, "fake-validating-resolver");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void stop() {
    socket.close();
  }

  private static void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        OPTRecord opt = q.getOPT();
        if (opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0) {
          sawDo.set(true);
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        String name = q.getQuestion().getName().toString();
        if (name.endsWith("bogus.test.")) {
          r.getHeader().setRcode(Rcode.SERVFAIL);
        } else {
          if (name.endsWith("secure.test.")) {
            r.getHeader().setFlag(Flags.AD);
          }
          r.addRecord(
              new ARecord(
                  q.getQuestion().getName(), DClass.IN, 300, InetAddress.getByName("192.0.2.7")),
              Section.ANSWER);
        }
        byte[] out = r.toWire();
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a garbled query
      }
    }
  }

  private static Result resolve(String name, String... more) {
    String[] args = {"dns", "resolve", name, "A", "--server", "127.0.0.1:" + socket.getLocalPort()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return stackscope(all);
  }

  @Test
  void adFlagMeansTheResolverValidatedTheAnswer() {
    Result r = resolve("www.secure.test", "--dnssec");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(sawDo.get(), "--dnssec sets DO");
    assertTrue(r.out().contains("flags: qr rd ra ad"), r.out());
    assertTrue(
        r.out().contains("DNSSEC: secure (validated by the resolver: ad flag set)"), r.out());
  }

  @Test
  void noAdFlagIsNotValidated() {
    Result r = resolve("www.plain.test", "--dnssec");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("DNSSEC: not validated (no ad flag"), r.out());
  }

  @Test
  void servfailPointsAtTheTrace() {
    Result r = resolve("www.bogus.test", "--dnssec");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("DNSSEC: unknown (SERVFAIL"), r.out());
    assertTrue(r.out().contains("dns trace NAME --dnssec"), r.out());
  }

  @Test
  void withoutDnssecNoVerdictIsShown() {
    Result r = resolve("www.secure.test");
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.out().contains("DNSSEC:"), r.out());
    Result json = resolve("www.secure.test", "--dnssec", "--json");
    assertFalse(
        json.out().contains("DNSSEC:"), "JSON carries the flags, no verdict line: " + json.out());
    assertEquals(1, json.json().size(), json.out());
    assertEquals(
        List.of("qr", "rd", "ra", "ad"), texts(json.json().get(0).path("flags")), json.out());
  }
}
