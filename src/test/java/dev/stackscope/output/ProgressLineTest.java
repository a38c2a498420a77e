package dev.stackscope.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long DELAY = ProgressLine.DELAY.toNanos();
  private static final long INTERVAL = ProgressLine.INTERVAL.toNanos();

  private final StringWriter err = new StringWriter();
  private final long[] now = {0};

  private ProgressLine line(int width) {
    return ProgressLine.manual(new PrintWriter(err), width, () -> now[0]);
  }

  @Test
  void workThatEndsWithinTheDelayDrawsNothing() {
    try (ProgressLine p = line(80)) {
      p.show("asking a…");
      now[0] = DELAY - 1;
      p.show("asking b…");
      p.tick();
    }
    assertEquals("", err.toString(), "nothing drawn, so nothing to erase");
  }

  @Test
  void drawsInPlaceAfterTheDelayAndErasesAtTheEnd() {
    try (ProgressLine p = line(80)) {
      p.show("step 1");
      now[0] = DELAY;
      p.tick(); // the latest text shows once the delay has passed, with no new update
      now[0] += INTERVAL;
      p.show("step 2");
    }
    assertEquals("\rstep 1\033[K\rstep 2\033[K\r\033[K", err.toString());
  }

  @Test
  void redrawsAtMostOncePerInterval() {
    try (ProgressLine p = line(80)) {
      now[0] = DELAY;
      for (int i = 1; i <= 50; i++) {
        p.show(i + " of 50");
        now[0] += INTERVAL / 10;
      }
      p.tick();
    }
    String s = err.toString();
    long draws = s.chars().filter(c -> c == '\r').count() - 1; // the last is the erase
    assertTrue(draws >= 5 && draws <= 6, "50 updates in 5 intervals, drawn " + draws + ": " + s);
    assertTrue(s.contains("\r50 of 50\033[K"), "the latest shows at the next tick: " + s);
    assertTrue(s.endsWith("\r\033[K"), s);
  }

  @Test
  void sameTextIsNotRedrawn() {
    try (ProgressLine p = line(80)) {
      now[0] = DELAY;
      p.show("waiting");
      now[0] += INTERVAL;
      p.show("waiting");
      now[0] += INTERVAL;
      p.tick();
    }
    assertEquals("\rwaiting\033[K\r\033[K", err.toString());
  }

  @Test
  void countdownShowsWholeSecondsLeftAsTimePasses() {
    try (ProgressLine p = line(80)) {
      p.countdown("sampling…", Duration.ofSeconds(3));
      now[0] = DELAY;
      p.tick();
      now[0] = Duration.ofMillis(2100).toNanos();
      p.tick();
    }
    assertEquals("\rsampling… 3s left\033[K\rsampling… 1s left\033[K\r\033[K", err.toString());
  }

  @Test
  void outsideTextIsSanitisedAndCutToTheWidth() {
    try (ProgressLine p = line(20)) {
      now[0] = DELAY;
      p.show("asking evil\033]0;pwned\007.example (192.0.2.1)");
    }
    String s = err.toString();
    String drawn = s.substring(1, s.indexOf("\033[K"));
    assertFalse(drawn.contains("\033") || drawn.contains("\007"), "no raw controls: " + drawn);
    assertEquals("asking evil\\x1b]0;…", drawn);
    assertEquals(19, drawn.codePointCount(0, drawn.length()), "never wraps: one column spare");
  }

  @Test
  void closedLineDrawsNoMore() {
    ProgressLine p = line(80);
    now[0] = DELAY;
    p.show("a");
    p.close();
    now[0] += INTERVAL;
    p.show("b");
    p.tick();
    p.close();
    assertEquals("\ra\033[K\r\033[K", err.toString());
  }

  @Test
  void onOnlyWhenStderrIsATerminal() {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    Map<String, String> env = Map.of("COLUMNS", "40");
    try (ProgressLine piped = ProgressLine.forRun(w, new TerminalInfo(true, false, env))) {
      assertFalse(piped.on(), "stderr redirected, stdout a terminal");
      piped.show("x");
      piped.tick();
    }
    try (ProgressLine served = ProgressLine.forRun(w, new TerminalInfo(true, env))) {
      assertFalse(served.on(), "stderr unknown: taken for no terminal");
    }
    assertEquals("", sink.toString(), "nothing at all when stderr is not a terminal");
    try (ProgressLine p = ProgressLine.forRun(w, new TerminalInfo(false, true, env))) {
      assertTrue(p.on(), "stdout piped to a file, stderr a terminal");
    }
  }

  @Test
  void aTerminalLineDrawsOnItsOwnOnceTheDelayHasPassed() throws InterruptedException {
    StringWriter sink = new StringWriter();
    try (ProgressLine p =
        ProgressLine.forRun(
            new PrintWriter(sink), new TerminalInfo(false, true, Map.of("COLUMNS", "40")))) {
      p.show("waiting on a silent server");
      long give = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!sink.toString().contains("waiting") && System.nanoTime() < give) {
        Thread.sleep(20);
      }
    }
    assertEquals("\rwaiting on a silent server\033[K\r\033[K", sink.toString());
  }
}
