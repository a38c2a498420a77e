package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.dns.TraceWords;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** What a resolver makes of replies that are not quite replies: QR=0, TC over TCP, a TCP close. */
class ReplyCheckTest {
  private static ARecord a(Message q, int last) {
    return new ARecord(
        q.getQuestion().getName(), DClass.IN, 60, new byte[] {127, 0, 0, (byte) last});
  }

  private static Message truncated(Message q) {
    Message r = ScriptedServer.reply(q);
    r.getHeader().setFlag(Flags.TC);
    return r;
  }

  private static Resolution resolve(ScriptedServer server, Protocol protocol) {
    StubResolver stub =
        new StubResolver(
            new SocketTransport(),
            new StubResolver.Settings(
                List.of(server.address()), protocol, Duration.ofMillis(300), 1, false));
    return stub.resolve(QueryName.parse("www.example.test"), Type.A);
  }

  @Test
  void aQueryEchoedBackIsNotTakenForTheReply() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            q -> {
              Message echo = ScriptedServer.reply(q, a(q, 66));
              echo.getHeader().unsetFlag(Flags.QR); // same ID and question, but a query
              return List.of(echo.toWire(), ScriptedServer.reply(q, a(q, 1)).toWire());
            },
            q -> null)) {
      Resolution r = resolve(server, Protocol.UDP);
      assertTrue(r.answered(), r.toString());
      assertEquals(List.of("127.0.0.1"), r.answer().stream().map(RecordData::data).toList());
    }
  }

  @Test
  void aQueryOverTcpIsAnError() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            q -> List.of(),
            q -> {
              Message echo = ScriptedServer.reply(q, a(q, 66));
              echo.getHeader().unsetFlag(Flags.QR);
              return echo.toWire();
            })) {
      Resolution r = resolve(server, Protocol.TCP);
      assertFalse(r.answered(), r.toString());
      assertEquals(
          Resolution.Attempt.Outcome.ERROR, r.attempts().get(0).outcome(), r.attempts().toString());
      assertTrue(r.attempts().get(0).error().contains("not a reply"), r.attempts().toString());
    }
  }

  @Test
  void aTruncatedReplyOverTcpIsAnErrorNotNodata() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(q -> List.of(truncated(q).toWire()), q -> truncated(q).toWire())) {
      Resolution r = resolve(server, Protocol.UDP);
      assertFalse(r.answered(), "no usable reply: " + r);
      assertEquals(2, r.attempts().size(), r.attempts().toString());
      assertEquals("udp", r.attempts().get(0).protocol());
      assertEquals("tcp", r.attempts().get(1).protocol());
      assertEquals(Resolution.Attempt.Outcome.ERROR, r.attempts().get(1).outcome());
      assertEquals("truncated reply over TCP", r.attempts().get(1).error());
    }
  }

  @Test
  void aTcpRetryThatTimesOutIsLabelledTcp() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            q -> List.of(truncated(q).toWire()),
            q -> {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            })) {
      Resolution r = resolve(server, Protocol.UDP);
      assertFalse(r.answered(), r.toString());
      Resolution.Attempt last = r.attempts().get(r.attempts().size() - 1);
      assertEquals("tcp", last.protocol(), r.attempts().toString());
      assertEquals(Resolution.Attempt.Outcome.TIMEOUT, last.outcome());
    }
  }

  @Test
  void aTcpCloseBeforeTheAnswerIsNamed() throws Exception {
    try (ScriptedServer server = new ScriptedServer(q -> List.of(), q -> null)) {
      Resolution r = resolve(server, Protocol.TCP);
      assertFalse(r.answered(), r.toString());
      assertEquals(
          "server closed the TCP connection before answering", r.attempts().get(0).error());
      assertEquals(Resolution.Attempt.Outcome.ERROR, r.attempts().get(0).outcome());
    }
  }

  @Test
  void theTracerTakesATruncatedReplyOverTcpForAFailureOfThatServer() throws Exception {
    DnsTransport truncating =
        (query, server, protocol, timeout) -> {
          Message r = truncated(query);
          return new Exchange(server, protocol, r, 0.1, r.toWire().length);
        };
    Tracer tracer =
        new Tracer(
            truncating,
            Tracer.Settings.of(
                RootHints.parse(TestHierarchy.ROOT_HINTS),
                53,
                Protocol.TCP,
                Duration.ofMillis(100),
                1,
                Tracer.Family.V4));
    Trace t = tracer.trace(QueryName.parse("www.example.test"), Type.A);
    assertEquals(Trace.Result.FAILED, t.result(), t.toString());
    TraceStep step = t.steps().get(0);
    assertEquals("tcp", step.protocol());
    assertEquals(TraceStep.Outcome.ERROR, step.outcome());
    assertEquals("truncated reply over TCP", TraceWords.detail(step.detail()));
    assertTrue(
        TraceWords.failure(t.error()).contains("truncated reply over TCP"),
        TraceWords.failure(t.error()));
    assertEquals(TraceDetail.Kind.TRUNCATED_OVER_TCP, step.detail().kind());
    assertEquals(TraceFailure.Kind.NO_USABLE_REPLY, t.error().kind());
    assertEquals(TraceDetail.Kind.TRUNCATED_OVER_TCP, t.error().servers().get(0).reply().kind());
  }

  @Test
  void parseMatchingRefusesAQuery() throws Exception {
    Message query = Queries.build(Name.fromString("x.test."), Type.A, false, false);
    byte[] echo = query.toWire();
    assertEquals(null, SocketTransport.parseMatching(query, echo, echo.length));
    Message reply = ScriptedServer.reply(query);
    byte[] wire = reply.toWire();
    assertTrue(SocketTransport.parseMatching(query, wire, wire.length) != null);
  }

  @Test
  void aReplyDnsjavaRefusesWithARuntimeExceptionIsMalformed() throws Exception {
    // bytes found by TlsTrainingServerFuzzTest (QR set): dnsjava throws InvalidTTLException (a
    // runtime
    // exception) while parsing them; as a reply they are malformed, not a crash
    byte[] wire =
        java.util.HexFormat.of()
            .parseHex(
                "000aac7c00000030000000ff00400000000601640100000000050605f7ffff000000ff0000000000"
                    + "0601640d00560000050605f7ffff000000ff004000000006016400000d0000120001065df3f3"
                    + "08ffff280aff0063ff007c00000000");
    Message query =
        Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                Name.fromString("www.example.test."), Type.A, DClass.IN));
    query.getHeader().setID(0x000a);
    org.xbill.DNS.WireParseException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.xbill.DNS.WireParseException.class,
            () -> SocketTransport.parseMatching(query, wire, wire.length));
    assertTrue(e.getMessage().startsWith("malformed reply"), e.getMessage());
  }
}
