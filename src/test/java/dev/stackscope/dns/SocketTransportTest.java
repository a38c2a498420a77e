package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 5452: random ports and IDs; replies count only with matching ID, question and source. */
class SocketTransportTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static byte[] reply(Message q, int id, String name, byte lastOctet) throws Exception {
    Message r = new Message(id);
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(Record.newRecord(Name.fromString(name), Type.A, DClass.IN), Section.QUESTION);
    r.addRecord(
        new ARecord(Name.fromString(name), DClass.IN, 60, new byte[] {127, 0, 0, lastOctet}),
        Section.ANSWER);
    return r.toWire();
  }

  @Test
  void forgedRepliesAreIgnoredAndTheMatchingOneAccepted() throws Exception {
    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        DatagramSocket forger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  byte[] buf = new byte[512];
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  server.receive(p);
                  Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                  int id = q.getHeader().getID();
                  var client = p.getSocketAddress();
                  byte[] wrongId = reply(q, (id + 1) & 0xffff, "www.example.test.", (byte) 1);
                  byte[] wrongName = reply(q, id, "evil.example.test.", (byte) 2);
                  byte[] wrongSource = reply(q, id, "www.example.test.", (byte) 3);
                  byte[] right = reply(q, id, "www.example.test.", (byte) 4);
                  server.send(new DatagramPacket(wrongId, wrongId.length, client));
                  server.send(new DatagramPacket(wrongName, wrongName.length, client));
                  forger.send(new DatagramPacket(wrongSource, wrongSource.length, client));
                  Thread.sleep(50);
                  server.send(new DatagramPacket(right, right.length, client));
                } catch (Exception e) {
                  failure.set(e);
                }
              });
      t.start();
      Message query = Queries.build(Name.fromString("www.example.test."), Type.A, false, false);
      Exchange ex =
          new SocketTransport()
              .exchange(
                  query,
                  (InetSocketAddress) server.getLocalSocketAddress(),
                  Protocol.UDP,
                  Duration.ofSeconds(5));
      t.join();
      assertEquals(null, failure.get());
      assertEquals("127.0.0.4", ex.reply().getSection(Section.ANSWER).get(0).rdataToString());
    }
  }

  @Test
  void silenceIsATimeout() throws Exception {
    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      Message query = Queries.build(Name.fromString("x.test."), Type.A, false, false);
      assertThrows(
          SocketTimeoutException.class,
          () ->
              new SocketTransport()
                  .exchange(
                      query,
                      (InetSocketAddress) server.getLocalSocketAddress(),
                      Protocol.UDP,
                      Duration.ofMillis(100)));
    }
  }

  @Test
  void sourcePortsAndIdsVary() throws Exception {
    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      server.setSoTimeout(2000);
      Set<Integer> ports = new HashSet<>();
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        Message query = Queries.build(Name.fromString("x.test."), Type.A, false, false);
        assertTrue(query.getHeader().getFlag(Flags.RD) == false, "iterative queries have no RD");
        assertThrows(
            SocketTimeoutException.class,
            () ->
                new SocketTransport()
                    .exchange(
                        query,
                        (InetSocketAddress) server.getLocalSocketAddress(),
                        Protocol.UDP,
                        Duration.ofMillis(1)));
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        server.receive(p);
        ports.add(p.getPort());
        ids.add(new Message(java.util.Arrays.copyOf(buf, p.getLength())).getHeader().getID());
      }
      assertTrue(ports.size() >= 6, "source ports: " + ports);
      assertTrue(ids.size() >= 6, "IDs: " + ids);
      assertNotEquals(Set.of(53), ports);
    }
  }
}
