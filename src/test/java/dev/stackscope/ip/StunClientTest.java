package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client against a scripted transport on a fake clock: no sockets, no real waiting. */
class StunClientTest {
  static final TransportAddress SERVER =
      new TransportAddress(AddressParser.parse("192.0.2.7"), 3478);
  static final TransportAddress LOCAL =
      new TransportAddress(AddressParser.parse("10.0.0.2"), 40000);

  /** Replies to each request with what {@code answer} builds (null: silence). */
  static final class FakeTransport implements StunTransport {
    long now;
    final List<Long> sendTimes = new ArrayList<>();
    final Deque<Datagram> inbox = new ArrayDeque<>();
    final Function<byte[], List<Datagram>> answer;

    FakeTransport(Function<byte[], List<Datagram>> answer) {
      this.answer = answer;
    }

    @Override
    public TransportAddress local() {
      return LOCAL;
    }

    @Override
    public void send(byte[] data, TransportAddress to) {
      sendTimes.add(now);
      inbox.addAll(answer.apply(data));
    }

    @Override
    public Datagram receive(Duration timeout) {
      if (!inbox.isEmpty()) {
        return inbox.poll();
      }
      now += timeout.toNanos();
      return null;
    }

    @Override
    public void close() {}
  }

  static byte[] success(byte[] request, TransportAddress mapped) {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.putShort((short) 0x0101).putShort((short) 12).putInt(StunMessage.MAGIC_COOKIE);
    b.put(request, 8, 12);
    b.putShort((short) 0x0001)
        .putShort((short) 8)
        .put((byte) 0)
        .put((byte) 1)
        .putShort((short) mapped.port())
        .put(mapped.address().toBytes());
    return b.array();
  }

  private static StunClient client(FakeTransport t) {
    return new StunClient(
        t, Duration.ofSeconds(3), Duration.ofMillis(250), () -> t.now, new Random(1));
  }

  @Test
  void silenceRetransmitsWithDoublingRtoThenGivesUpAtTheTimeout() throws Exception {
    FakeTransport t = new FakeTransport(req -> List.of());
    assertNull(client(t).binding(SERVER, false, false));
    assertEquals(List.of(0L, 250_000_000L, 750_000_000L, 1_750_000_000L), t.sendTimes);
    assertTrue(t.now >= 3_000_000_000L && t.now < 3_100_000_000L, "gave up at " + t.now);
  }

  @Test
  void unrelatedDatagramsAreIgnoredAndTheAnswerIsTaken() throws Exception {
    TransportAddress mapped = new TransportAddress(AddressParser.parse("203.0.113.5"), 61000);
    FakeTransport t =
        new FakeTransport(
            req -> {
              byte[] stale = success(req, mapped);
              stale[10] ^= 0x55; // another transaction
              return List.of(
                  new StunTransport.Datagram(new byte[] {1, 2, 3}, 3, SERVER),
                  new StunTransport.Datagram(stale, stale.length, SERVER),
                  new StunTransport.Datagram(success(req, mapped), 32, SERVER));
            });
    StunClient.Answer a = client(t).binding(SERVER, false, false);
    assertNotNull(a);
    assertEquals(mapped, a.response().mapped());
    assertEquals(1, t.sendTimes.size());
  }

  @Test
  void aMalformedAnswerIsAnErrorAtOnce() {
    FakeTransport t =
        new FakeTransport(
            req -> {
              byte[] bad = success(req, LOCAL);
              bad[3] = 16; // length field lies
              return List.of(new StunTransport.Datagram(bad, bad.length, SERVER));
            });
    StunException e =
        assertThrows(StunException.class, () -> client(t).binding(SERVER, false, false));
    assertEquals(
        "malformed STUN response: length field 16 but 12 bytes follow the header (from 192.0.2.7:3478)",
        e.getMessage());
  }

  @Test
  void probeWithoutOtherAddressReportsNatAndSaysWhyBehaviourIsUnknown() throws Exception {
    TransportAddress mapped = new TransportAddress(AddressParser.parse("203.0.113.5"), 61000);
    FakeTransport t =
        new FakeTransport(
            req -> List.of(new StunTransport.Datagram(success(req, mapped), 32, SERVER)));
    StunReport r =
        new NatBehaviourProbe(client(t), AddressClassifier.standard()).probe(SERVER, "s");
    assertTrue(r.behindNat());
    assertEquals("203.0.113.5", r.mappedAddress());
    assertEquals(61000, r.mappedPort());
    assertNull(r.mapping());
    assertEquals(
        List.of(new StunNote(StunNote.Kind.NO_OTHER_ADDRESS, null)),
        r.notes(),
        r.notes().toString());
  }

  @Test
  void mappedEqualToLocalIsNotBehindNat() throws Exception {
    FakeTransport t =
        new FakeTransport(
            req -> List.of(new StunTransport.Datagram(success(req, LOCAL), 32, SERVER)));
    StunReport r =
        new NatBehaviourProbe(client(t), AddressClassifier.standard()).probe(SERVER, "s");
    assertEquals(false, r.behindNat());
  }

  @Test
  void noAnswerAtAllIsAClearError() {
    FakeTransport t = new FakeTransport(req -> List.of());
    StunException e =
        assertThrows(
            StunException.class,
            () ->
                new NatBehaviourProbe(client(t), AddressClassifier.standard())
                    .probe(SERVER, "stun.test"));
    assertEquals("no answer from STUN server stun.test (192.0.2.7:3478)", e.getMessage());
  }
}
