package dev.stackscope.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one progress line of a run that takes a while: drawn on stderr in place ({@code \r}, the
 * text, erase to the end of the line) and erased when closed, so that nothing is left behind. It
 * draws only when stderr is a terminal, and nothing at all for work that ends within {@link
 * #DELAY}; redraws are at most one per {@link #INTERVAL}. The text is sanitised (it may name a
 * server or a file from outside) and cut to the terminal's width, so that it never wraps. Close it
 * with try-with-resources: a failed or interrupted run erases its line too.
 *
 * <p>Safe to update from several threads; a ticker redraws a countdown and shows the latest text
 * once the delay has passed even when no update comes (a run waiting on a silent server).
 */
public final class ProgressLine implements AutoCloseable {
  /** Work that ends sooner shows no line at all. */
  public static final Duration DELAY = Duration.ofMillis(700);

  /** The shortest time between two redraws. */
  public static final Duration INTERVAL = Duration.ofMillis(100);

  private static final String ERASE_TO_END = "\033[K";

  private final PrintWriter err;
  private final boolean on;
  private final int width;
  private final LongSupplier clock;
  private final long started;
  private Supplier<String> text;
  private long deadline;
  private boolean countdown;
  private String drawn;
  private long drawnAt;
  private boolean closed;
  private ScheduledFuture<?> ticking;

  private ProgressLine(PrintWriter err, boolean on, int width, LongSupplier clock) {
    this.err = err;
    this.on = on;
    this.width = width;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  /**
   * The progress line of a run: drawn on {@code err} when the run's stderr is a terminal ({@link
   * TerminalInfo#stderrTerminal()}), a line that draws nothing otherwise.
   */
  public static ProgressLine forRun(PrintWriter err, TerminalInfo terminal) {
    if (!terminal.stderrTerminal()) {
      return off();
    }
    int columns = terminal.interactive() ? terminal.width() : columns(terminal);
    ProgressLine line = new ProgressLine(err, true, columns, System::nanoTime);
    line.startTicking();
    return line;
  }

  /** A line that never draws (stderr is not a terminal). */
  public static ProgressLine off() {
    return new ProgressLine(null, false, 0, () -> 0L);
  }

  /**
   * A line that draws on {@code err} at the times of {@code clock} (nanoseconds) only when told, by
   * an update or by {@link #tick()}: no ticker thread (tests).
   */
  public static ProgressLine manual(PrintWriter err, int width, LongSupplier clock) {
    return new ProgressLine(err, true, width, clock);
  }

  /** Whether this line draws anything at all. */
  public boolean on() {
    return on;
  }

  /** Shows {@code text} (sanitised here) as the line's new content. */
  public synchronized void show(String text) {
    follow(() -> text);
  }

  /**
   * Shows what {@code text} says at each redraw (a count kept by the work, read by the ticker: the
   * work pays nothing per item).
   */
  public synchronized void follow(Supplier<String> text) {
    this.text = text;
    this.countdown = false;
    redraw();
  }

  /** Shows {@code text} followed by the whole seconds left of {@code left}, counting down. */
  public synchronized void countdown(String text, Duration left) {
    this.text = () -> text;
    this.countdown = true;
    this.deadline = clock.getAsLong() + left.toNanos();
    redraw();
  }

  /**
   * Runs {@code print}, which writes whole lines on stderr (a note), with the line erased first, so
   * that the note is not written into it; the line is drawn again at the next tick.
   */
  public synchronized <E extends Exception> void aside(Action<E> print) throws E {
    if (drawn != null) {
      err.print("\r" + ERASE_TO_END);
      err.flush();
      drawn = null;
    }
    print.run();
  }

  /** Something printed {@link #aside} the line. */
  @FunctionalInterface
  public interface Action<E extends Exception> {
    void run() throws E;
  }

  /** Redraws if the delay and the interval allow it and the line changed (the ticker's call). */
  public synchronized void tick() {
    redraw();
  }

  /** Erases the line, if it was drawn; later updates draw nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticking != null) {
      ticking.cancel(false);
      Ticker.OPEN.remove(this);
    }
    if (drawn != null) {
      err.print("\r" + ERASE_TO_END);
      err.flush();
    }
  }

  private void redraw() {
    if (!on || closed || text == null) {
      return;
    }
    long now = clock.getAsLong();
    if (now - started < DELAY.toNanos()) {
      return;
    }
    if (drawn != null && now - drawnAt < INTERVAL.toNanos()) {
      return;
    }
    String line = fit(render(now));
    if (line.equals(drawn)) {
      return;
    }
    err.print("\r" + line + ERASE_TO_END);
    err.flush();
    drawn = line;
    drawnAt = now;
  }

  private String render(long now) {
    String clean = Sanitizer.clean(text.get());
    if (!countdown) {
      return clean;
    }
    long leftNanos = Math.max(0, deadline - now);
    long seconds = (leftNanos + 999_999_999L) / 1_000_000_000L;
    return clean + " " + seconds + "s left";
  }

  /** Cut to one column less than the width: a line that wraps cannot be redrawn in place. */
  private String fit(String line) {
    int max = width <= 1 ? 79 : width - 1;
    if (line.codePointCount(0, line.length()) <= max) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, max - 1)) + "…";
  }

  private void startTicking() {
    long every = INTERVAL.toNanos();
    Ticker.OPEN.add(this);
    ticking = Ticker.TIMER.scheduleAtFixedRate(this::tick, every, every, TimeUnit.NANOSECONDS);
  }

  private static int columns(TerminalInfo terminal) {
    String columns = terminal.env().get("COLUMNS");
    try {
      return columns == null ? 80 : Math.max(0, Integer.parseInt(columns.trim()));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /**
   * One daemon thread for every line's ticks, made when the first line on a terminal starts; and
   * the lines open, erased by a shutdown hook when the JVM is ended (Ctrl-C) before they close.
   */
  private static final class Ticker {
    static final Set<ProgressLine> OPEN = ConcurrentHashMap.newKeySet();
    static final ScheduledExecutorService TIMER = timer();

    static {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> OPEN.forEach(ProgressLine::close), "stackscope-progress-erase"));
    }

    private static ScheduledExecutorService timer() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "stackscope-progress");
                t.setDaemon(true);
                return t;
              });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }
}
