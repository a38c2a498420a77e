package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void decodesTheMasksOfAStatusFixture() {
    ProcStatus s = ProcfsParser.parseStatus(ProcfsParserTest.fixture("status-trap.txt"));
    assertEquals(List.of("INT", "TERM", "SIG32", "SIG33"), Signals.decode(s.sigCgt()));
    assertEquals(List.of("HUP", "QUIT"), Signals.decode(s.sigIgn()));
    assertEquals(List.of("CHLD"), Signals.decode(s.sigBlk()));
    assertEquals(List.of("KILL"), Signals.decode(s.shdPnd()));
    assertEquals(List.of(), Signals.decode(0));
  }

  @Test
  void realTimeSignalsAreNamedLikeKillDashL() {
    assertEquals("RTMIN", Signals.name(34));
    assertEquals("RTMIN+1", Signals.name(35));
    assertEquals("RTMIN+15", Signals.name(49));
    assertEquals("RTMAX-14", Signals.name(50));
    assertEquals("RTMAX-1", Signals.name(63));
    assertEquals("RTMAX", Signals.name(64));
    assertEquals(64, Signals.decode(-1L).size());
    assertEquals("RTMAX", Signals.decode(Long.MIN_VALUE).get(0));
  }

  @Test
  void parsesNamesAndNumbers() {
    assertEquals(OptionalInt.of(15), Signals.parse("TERM"));
    assertEquals(OptionalInt.of(15), Signals.parse("SIGTERM"));
    assertEquals(OptionalInt.of(2), Signals.parse("sigint"));
    assertEquals(OptionalInt.of(1), Signals.parse("hup"));
    assertEquals(OptionalInt.of(0), Signals.parse("0"));
    assertEquals(OptionalInt.of(9), Signals.parse("9"));
    assertEquals(OptionalInt.of(37), Signals.parse("RTMIN+3"));
    assertEquals(OptionalInt.of(62), Signals.parse("SIGRTMAX-2"));
    assertEquals(OptionalInt.of(6), Signals.parse("IOT"));
    assertEquals(OptionalInt.of(32), Signals.parse("SIG32"));
    for (int n = 1; n <= 64; n++) {
      assertEquals(OptionalInt.of(n), Signals.parse(Signals.name(n)), "round trip of " + n);
    }
    assertTrue(Signals.parse("65").isEmpty());
    assertTrue(Signals.parse("TERMINATE").isEmpty());
    assertTrue(Signals.parse("-9").isEmpty());
    assertTrue(Signals.parse("").isEmpty());
  }
}
