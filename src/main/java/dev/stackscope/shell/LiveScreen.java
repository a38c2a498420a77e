package dev.stackscope.shell;

import dev.stackscope.output.OutputFailure;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Sanitizer;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen live view: the alternate screen, a JLine {@link Display} that rewrites only the
 * lines that changed, and keys — q/Ctrl-C quit (the terminal is restored exactly: screen, keypad,
 * cursor, modes, signal handlers), space pauses, {@code <}/{@code >} sort column, r reverses, +/-
 * interval, / filter, Ctrl-L redraws, arrows/PgUp/PgDn/Home/End scroll; a resize redraws at the new
 * size.
 */
final class LiveScreen {
  enum Op {
    QUIT,
    PAUSE,
    SORT_LEFT,
    SORT_RIGHT,
    REVERSE,
    LONGER,
    SHORTER,
    FILTER,
    REDRAW,
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    END,
    NONE
  }

  private static final int HEADER = 2;

  private final Terminal terminal;
  private final FrameSource source;
  private final WatchLoop.Settings settings;
  private final RenderSettings base;
  private final ViewState state;
  private final BindingReader keys;
  private final KeyMap<Op> keyMap;

  private volatile boolean quit;
  private volatile boolean resized;
  private Display display;
  private Frame current;
  private Frame previous;
  private String notes = "";
  private String error;
  private String editing;
  private int frames;
  private boolean partial;
  private FrameView.Rendered rendered;
  private LocalDateTime shownAt;

  /** What the last draw put on the screen (for tests: the Display writes only differences). */
  List<String> lastScreen = List.of();

  LiveScreen(
      Terminal terminal, FrameSource source, WatchLoop.Settings settings, RenderSettings base) {
    this.terminal = terminal;
    this.source = source;
    this.settings = settings;
    this.base = base;
    this.state = new ViewState(settings.interval());
    this.keys = new BindingReader(terminal.reader());
    this.keyMap = keyMap(terminal);
  }

  WatchLoop.Result run() throws Exception {
    fetch(true); // before leaving the normal screen, so a failing command prints as usual
    Attributes saved = terminal.enterRawMode();
    SignalHandler prevInt = terminal.handle(Signal.INT, s -> quit = true);
    SignalHandler prevWinch = terminal.handle(Signal.WINCH, s -> resized = true);
    try {
      terminal.puts(Capability.enter_ca_mode);
      terminal.puts(Capability.keypad_xmit);
      terminal.puts(Capability.cursor_invisible);
      terminal.flush();
      display = new Display(terminal, true);
      resize();
      loop();
    } finally {
      terminal.puts(Capability.cursor_visible);
      terminal.puts(Capability.keypad_local);
      terminal.puts(Capability.exit_ca_mode);
      terminal.flush();
      terminal.setAttributes(saved);
      terminal.handle(Signal.WINCH, prevWinch);
      terminal.handle(Signal.INT, prevInt);
    }
    return new WatchLoop.Result(frames, partial, false);
  }

  private void loop() throws Exception {
    long next = System.nanoTime() + state.interval.toNanos();
    draw();
    while (!quit) {
      if (resized) {
        resized = false;
        resize();
        draw();
      }
      long now = System.nanoTime();
      if (!state.paused && now >= next) {
        if (settings.count() != null && frames >= settings.count()) {
          return;
        }
        fetch(false);
        next = System.nanoTime() + state.interval.toNanos();
        draw();
        continue;
      }
      long waitMillis = state.paused ? 100 : Math.max(1, Math.min(100, (next - now) / 1_000_000));
      int c = keys.peekCharacter(waitMillis);
      if (c == NonBlockingReader.EOF) {
        return;
      }
      if (c == NonBlockingReader.READ_EXPIRED) {
        continue;
      }
      Op op = keys.readBinding(keyMap, null, true);
      if (op == null) {
        continue;
      }
      long fetchedAt = next - state.interval.toNanos();
      switch (op) {
        case QUIT -> quit = true;
        case PAUSE -> {
          state.paused = !state.paused;
          if (!state.paused) {
            next = System.nanoTime();
          }
        }
        case SORT_LEFT -> state.sortLeft(rendered == null ? 0 : rendered.columns());
        case SORT_RIGHT -> state.sortRight(rendered == null ? 0 : rendered.columns());
        case REVERSE -> state.reverse = !state.reverse;
        case LONGER -> {
          state.interval = Interval.longer(state.interval);
          next = fetchedAt + state.interval.toNanos();
        }
        case SHORTER -> {
          state.interval = Interval.shorter(state.interval);
          next = fetchedAt + state.interval.toNanos();
        }
        case FILTER -> editFilter();
        case REDRAW -> display.clear();
        case UP -> state.scroll--;
        case DOWN -> state.scroll++;
        case PAGE_UP -> state.scroll -= bodyRows();
        case PAGE_DOWN -> state.scroll += bodyRows();
        case HOME -> state.scroll = 0;
        case END -> state.scroll = Integer.MAX_VALUE / 2;
        case NONE -> {
          // an unbound key: nothing to do
        }
      }
      draw();
    }
  }

  /** Reads a filter on the header line; Enter keeps it, Esc restores the previous one. */
  private void editFilter() throws IOException {
    String before = state.filter;
    StringBuilder sb = new StringBuilder(before);
    editing = sb.toString();
    draw();
    while (!quit) {
      int c = keys.peekCharacter(100);
      if (c == NonBlockingReader.READ_EXPIRED) {
        if (resized) {
          resized = false;
          resize();
          draw();
        }
        continue;
      }
      if (c == NonBlockingReader.EOF) {
        quit = true;
        break;
      }
      c = keys.readCharacter();
      if (c == '\r' || c == '\n') {
        break;
      } else if (c == 27) {
        sb.setLength(0);
        sb.append(before);
        drainEscapeSequence();
        break;
      } else if (c == 127 || c == 8) {
        if (sb.length() > 0) {
          sb.setLength(sb.length() - 1);
        }
      } else if (c == 21) { // Ctrl-U
        sb.setLength(0);
      } else if (c == 3) {
        quit = true;
      } else if (c >= 32) {
        sb.appendCodePoint(c);
      }
      editing = sb.toString();
      state.filter = Sanitizer.clean(editing);
      state.scroll = 0;
      draw();
    }
    state.filter = Sanitizer.clean(sb.toString());
    editing = null;
  }

  private void drainEscapeSequence() {
    while (keys.peekCharacter(20) >= 0) {
      keys.readCharacter();
    }
  }

  private void fetch(boolean first) throws Exception {
    Size size = terminal.getSize();
    RenderSettings rs = base.withWidth(Math.max(1, size.getColumns()));
    WatchLoop.Captured c =
        WatchLoop.next(new java.io.PrintWriter(java.io.Writer.nullWriter()), source, rs, first);
    frames++;
    notes = c.notes().strip();
    partial |= c.partial();
    if (c.frame() == null) {
      error = notes;
      return;
    }
    error = null;
    previous = current;
    current = c.frame();
    shownAt = LocalDateTime.now(settings.clock());
  }

  private void resize() {
    Size size = terminal.getSize();
    display.resize(Math.max(1, size.getRows()), Math.max(1, size.getColumns()));
    display.clear();
  }

  private int bodyRows() {
    return Math.max(1, terminal.getSize().getRows() - HEADER);
  }

  private void draw() {
    Size size = terminal.getSize();
    int cols = Math.max(1, size.getColumns());
    int rows = Math.max(1, size.getRows());
    RenderSettings rs = base.withWidth(cols);
    rendered = FrameView.render(current, previous, state, rs);
    List<AttributedString> screen = new ArrayList<>(rows);
    screen.add(cut(titleLine(), cols));
    screen.add(cut(statusLine(), cols));
    List<FrameView.Line> body = rendered.lines();
    int pinned = Math.min(rendered.pinned(), body.size());
    int room = Math.max(0, rows - HEADER - pinned);
    int scrollable = body.size() - pinned;
    state.scroll = Math.max(0, Math.min(state.scroll, Math.max(0, scrollable - room)));
    for (int i = 0; i < pinned && screen.size() < rows; i++) {
      screen.add(styled(body.get(i), cols));
    }
    for (int i = pinned + state.scroll; i < body.size() && screen.size() < rows; i++) {
      screen.add(styled(body.get(i), cols));
    }
    display.update(screen, -1);
    lastScreen = screen.stream().map(AttributedString::toString).toList();
    terminal.flush();
    if (terminal.writer().checkError()) { // the terminal went away: nothing can be shown any more
      throw new OutputFailure(new IOException("terminal write error"));
    }
  }

  private AttributedString titleLine() {
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.styled(AttributedStyle.BOLD, Sanitizer.clean(settings.title()));
    b.append("  every " + Interval.format(state.interval));
    if (shownAt != null) {
      b.append("  " + shownAt.format(WatchLoop.TIME));
    }
    if (state.paused) {
      b.append("  ");
      b.styled(AttributedStyle.INVERSE, " PAUSED ");
    }
    if (rendered.added() > 0) {
      b.append("  ");
      b.styled(style(AttributedStyle.GREEN).bold(), "+" + rendered.added() + " new");
    }
    if (rendered.gone() > 0) {
      b.append("  ");
      b.styled(style(AttributedStyle.RED), "-" + rendered.gone() + " gone");
    }
    if (error != null) {
      b.append("  ");
      b.styled(style(AttributedStyle.RED), firstLine(error));
    } else if (!notes.isEmpty()) {
      b.append("  ");
      b.styled(style(AttributedStyle.YELLOW), firstLine(notes));
    }
    return b.toAttributedString();
  }

  private AttributedString statusLine() {
    AttributedStringBuilder b = new AttributedStringBuilder();
    if (editing != null) {
      b.append("filter: /").append(Sanitizer.clean(editing));
      b.styled(AttributedStyle.INVERSE, " ");
      b.styled(AttributedStyle.DEFAULT.faint(), "  Enter keep  Esc cancel");
      return b.toAttributedString();
    }
    if (!state.filter.isEmpty()) {
      b.styled(AttributedStyle.BOLD, "filter: " + state.filter + "  ");
    }
    if (rendered.sortName() != null) {
      b.styled(
          AttributedStyle.BOLD,
          "sort: " + rendered.sortName() + (state.reverse ? " (reversed)" : "") + "  ");
    }
    String keysHelp =
        "q quit  space pause  "
            + (rendered.columns() > 0 ? "< > sort  r reverse  " : "")
            + "+ - interval  / filter  ^L redraw";
    b.styled(AttributedStyle.DEFAULT.faint(), keysHelp);
    return b.toAttributedString();
  }

  private AttributedString styled(FrameView.Line line, int cols) {
    AttributedString s =
        switch (line.mark()) {
          case NONE -> AttributedString.fromAnsi(line.text());
          case NEW ->
              new AttributedString(
                  AttributedString.stripAnsi(line.text()), style(AttributedStyle.GREEN).bold());
          case GONE ->
              new AttributedString(
                  AttributedString.stripAnsi(line.text()),
                  base.color() ? style(AttributedStyle.RED) : AttributedStyle.DEFAULT.faint());
        };
    return cut(s, cols);
  }

  private AttributedStyle style(int color) {
    return base.color() ? AttributedStyle.DEFAULT.foreground(color) : AttributedStyle.DEFAULT;
  }

  private static AttributedString cut(AttributedString s, int cols) {
    return s.columnLength() > cols ? s.columnSubSequence(0, cols) : s;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static KeyMap<Op> keyMap(Terminal t) {
    KeyMap<Op> m = new KeyMap<>();
    m.bind(Op.QUIT, "q", "Q", KeyMap.ctrl('C'));
    m.bind(Op.PAUSE, " ", "p");
    m.bind(Op.SORT_LEFT, "<", ",");
    m.bind(Op.SORT_RIGHT, ">", ".");
    m.bind(Op.REVERSE, "r", "R");
    m.bind(Op.LONGER, "+", "=");
    m.bind(Op.SHORTER, "-", "_");
    m.bind(Op.FILTER, "/");
    m.bind(Op.REDRAW, KeyMap.ctrl('L'));
    bindKey(m, t, Op.UP, Capability.key_up, "\033[A", "\033OA", "k");
    bindKey(m, t, Op.DOWN, Capability.key_down, "\033[B", "\033OB", "j");
    bindKey(m, t, Op.PAGE_UP, Capability.key_ppage, "\033[5~");
    bindKey(m, t, Op.PAGE_DOWN, Capability.key_npage, "\033[6~");
    bindKey(m, t, Op.HOME, Capability.key_home, "\033[H", "\033OH", "g");
    bindKey(m, t, Op.END, Capability.key_end, "\033[F", "\033OF", "G");
    m.setNomatch(Op.NONE);
    m.setUnicode(Op.NONE);
    m.setAmbiguousTimeout(50);
    return m;
  }

  private static void bindKey(KeyMap<Op> m, Terminal t, Op op, Capability cap, String... more) {
    String seq = KeyMap.key(t, cap);
    if (seq != null && !seq.isEmpty()) {
      m.bind(op, seq);
    }
    m.bind(op, more);
  }
}
