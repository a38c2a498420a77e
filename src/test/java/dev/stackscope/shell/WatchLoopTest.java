package dev.stackscope.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** The watch loop with a test frame source: frames numbered 1, 2, 3... */
class WatchLoopTest {
  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private static final WatchLoop.Settings FAST =
      new WatchLoop.Settings(Duration.ofMillis(100), 3, "stackscope test --watch", NOON);

  record Doc(int frame) {}

  /** Frame n: a table of PIDs 1..n; frame 2 notes something it could not read. */
  static FrameSource counting(AtomicInteger n) {
    return out -> {
      int i = n.incrementAndGet();
      if (i == 2) {
        out.note("cannot read /proc/2/status: permission denied");
      }
      Table t = Table.of(Column.number("PID"), Column.text("NAME"));
      for (int p = 1; p <= i; p++) {
        t.row(p, "proc" + p);
      }
      return Frame.of(t).keyedBy(0).json(new Doc(i)).partial(i == 2);
    };
  }

  @Test
  void aNoteAloneDoesNotMakeTheViewPartial() throws Exception {
    // ports' "N sockets' owners are hidden" is a note, and `ports` exits 0 with it: so does --watch
    StringWriter err = new StringWriter();
    Output o =
        new Output(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            RenderSettings.plain());
    FrameSource noted =
        out -> {
          out.note("2 sockets' owners are hidden");
          return Frame.of(Table.of(Column.number("PID"))).json(new Doc(1));
        };
    WatchLoop.Result r = WatchLoop.run(o, noted, FAST);
    assertFalse(r.partial(), r::toString);
    assertTrue(err.toString().contains("owners are hidden"), err::toString);
  }

  @Test
  void aFrameThatFailsAfterTheFirstMakesTheViewPartial() throws Exception {
    AtomicInteger n = new AtomicInteger();
    FrameSource failing =
        out -> {
          if (n.incrementAndGet() == 2) {
            throw new java.io.IOException("cannot read /proc/net/tcp");
          }
          return Frame.of(Table.of(Column.number("PID"))).json(new Doc(1));
        };
    StringWriter err = new StringWriter();
    Output o =
        new Output(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            RenderSettings.plain());
    assertTrue(WatchLoop.run(o, failing, FAST).partial());
    assertTrue(err.toString().contains("cannot read /proc/net/tcp"), err::toString);
  }

  /** A stream whose reader goes away after {@code accepted} bytes. */
  static java.io.OutputStream closingAfter(int accepted, String error) {
    return new java.io.OutputStream() {
      private int written;

      @Override
      public void write(int b) throws java.io.IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        if (written + len > accepted) {
          throw new java.io.IOException(error);
        }
        written += len;
      }
    };
  }

  @Test
  void aClosedPipeEndsAnEndlessView() {
    for (boolean json : new boolean[] {false, true}) {
      Output o =
          new Output(
              dev.stackscope.output.StdoutWriter.of(closingAfter(200, "Broken pipe")),
              new PrintWriter(new StringWriter(), true),
              RenderSettings.plain().withJson(json));
      WatchLoop.Settings endless =
          new WatchLoop.Settings(Duration.ofMillis(100), null, "stackscope test --watch", NOON);
      dev.stackscope.output.OutputFailure f =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  assertThrows(
                      dev.stackscope.output.OutputFailure.class,
                      () -> WatchLoop.run(o, counting(new AtomicInteger()), endless)));
      assertTrue(f.brokenPipe(), f::toString);
    }
  }

  @Test
  void plainFramesUnderAWatchStyleHeaderUntilCount() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Output o =
        new Output(new PrintWriter(out, true), new PrintWriter(err, true), RenderSettings.plain());
    WatchLoop.Result r = WatchLoop.run(o, counting(new AtomicInteger()), FAST);
    assertEquals(3, r.frames());
    assertTrue(r.partial());
    assertFalse(r.interrupted());
    assertEquals(
        String.join(
            "\n",
            "Every 0.1s: stackscope test --watch  2026-11-27 12:00:00",
            "PID  NAME",
            "  1  proc1",
            "",
            "Every 0.1s: stackscope test --watch  2026-11-27 12:00:00",
            "PID  NAME",
            "  1  proc1",
            "  2  proc2",
            "",
            "Every 0.1s: stackscope test --watch  2026-11-27 12:00:00",
            "PID  NAME",
            "  1  proc1",
            "  2  proc2",
            "  3  proc3",
            ""),
        out.toString());
    assertEquals("stackscope: cannot read /proc/2/status: permission denied\n", err.toString());
  }

  @Test
  void jsonIsOneCompactDocumentPerLine() throws Exception {
    StringWriter out = new StringWriter();
    Output o =
        new Output(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain().withJson(true));
    WatchLoop.run(o, counting(new AtomicInteger()), FAST);
    assertEquals("{\"frame\":1}\n{\"frame\":2}\n{\"frame\":3}\n", out.toString());
  }

  @Test
  void firstFrameFailurePropagatesLaterOnesAreReportedAndTheViewGoesOn() throws Exception {
    Output o =
        new Output(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain());
    assertThrows(
        IllegalStateException.class,
        () ->
            WatchLoop.run(
                o,
                x -> {
                  throw new IllegalStateException("boom");
                },
                FAST));
    AtomicInteger n = new AtomicInteger();
    StringWriter err = new StringWriter();
    Output o2 =
        new Output(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            RenderSettings.plain());
    WatchLoop.Result r =
        WatchLoop.run(
            o2,
            x -> {
              if (n.incrementAndGet() == 2) {
                throw new IllegalStateException("server went away");
              }
              return Frame.lines(List.of(dev.stackscope.output.Text.of("ok")));
            },
            FAST);
    assertEquals(3, r.frames());
    assertEquals("stackscope: server went away\n", err.toString());
  }

  @Test
  void interruptStopsThePlainLoop() throws Exception {
    Output o =
        new Output(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain());
    Thread.currentThread().interrupt();
    WatchLoop.Result r =
        WatchLoop.run(
            o,
            counting(new AtomicInteger()),
            new WatchLoop.Settings(Duration.ofSeconds(5), null, "t", NOON));
    assertTrue(r.interrupted());
    assertEquals(1, r.frames());
    assertTrue(Thread.interrupted(), "the interrupt status is kept for the caller");
  }

  /** An xterm on streams, written directly (no pty and pump thread that could lag behind). */
  private static Terminal xterm(java.io.InputStream keys, java.io.OutputStream screen)
      throws java.io.IOException {
    Terminal t =
        new ExternalTerminal("test", "xterm-256color", keys, screen, StandardCharsets.UTF_8);
    t.setSize(new Size(60, 12));
    return t;
  }

  @Test
  void fullScreenUsesTheAlternateScreenAndRestoresTheTerminalOnQ() throws Exception {
    PipedInputStream keyboard = new PipedInputStream();
    PipedOutputStream typing = new PipedOutputStream(keyboard);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal t = xterm(keyboard, screen)) {
      Attributes before = t.getAttributes();
      AtomicInteger n = new AtomicInteger();
      FrameSource source =
          out -> {
            if (n.get() == 2) {
              typing.write("/proc2\r>q".getBytes(StandardCharsets.US_ASCII));
              typing.flush();
            }
            return counting(n).next(out);
          };
      RenderSettings rs = new RenderSettings(true, 60, true, true, false, false);
      LiveScreen live =
          new LiveScreen(
              t,
              source,
              new WatchLoop.Settings(Duration.ofMillis(100), null, "stackscope t", NOON),
              rs);
      WatchLoop.Result r = live.run();
      List<String> last = live.lastScreen;
      assertTrue(last.get(0).startsWith("stackscope t  every 0.1s  12:00:00"), last.get(0));
      assertTrue(last.get(1).startsWith("filter: proc2  sort: PID  q quit"), last.get(1));
      assertEquals(
          List.of("PID ▼  NAME", "    2  proc2"), last.subList(2, last.size()), "filtered, sorted");
      assertTrue(r.frames() >= 3, "frames: " + r.frames());
      assertTrue(r.partial());
      assertEquals(before.toString(), t.getAttributes().toString(), "terminal modes restored");
    }
    String s = screen.toString(StandardCharsets.UTF_8);
    assertTrue(s.indexOf("\u001b[?1049h") >= 0, "entered the alternate screen");
    assertTrue(
        s.lastIndexOf("\u001b[?1049l") > s.lastIndexOf("proc"),
        "left it after the last frame: " + s.substring(s.length() - 300).replace("\u001b", "ESC"));
    assertTrue(s.contains("stackscope t"), "header");
    assertTrue(s.contains("+1 new"), "what changed");
  }

  @Test
  void fullScreenEndsByItselfAfterCount() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (PipedOutputStream typing = new PipedOutputStream();
        Terminal t = xterm(new PipedInputStream(typing), screen)) {
      WatchLoop.Result r =
          new LiveScreen(
                  t,
                  counting(new AtomicInteger()),
                  FAST,
                  new RenderSettings(true, 60, true, false, false, false))
              .run();
      assertEquals(3, r.frames());
    }
    assertTrue(screen.toString(StandardCharsets.UTF_8).contains("proc3"));
  }
}
