package dev.stackscope.shell;

import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Sanitizer;
import dev.stackscope.output.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Runs a live view ({@code --watch}). On a terminal: full screen on the alternate screen (see
 * {@link LiveScreen}). Otherwise (a pipe, or {@code --json}): one frame per interval as plain text
 * under a {@code Every 2s: TITLE TIME} line, or one compact JSON document per line, until {@code
 * count} frames have been printed or the thread is interrupted (Ctrl-C). A write to stdout that
 * fails (the reader of a pipe went away, a full disk) ends the view with {@link
 * dev.stackscope.output.OutputFailure}.
 */
public final class WatchLoop {
  /**
   * How to watch.
   *
   * @param interval time between frames (at least {@link Interval#MIN})
   * @param count stop after this many frames (null: until stopped)
   * @param title the command line shown in the header
   * @param clock the run's clock (the host's), for the header's time
   */
  public record Settings(Duration interval, Integer count, String title, Clock clock) {}

  /**
   * How the watch ended.
   *
   * @param frames frames produced
   * @param partial some frame reported something it could not read (a note on stderr)
   * @param interrupted stopped by an interrupt (Ctrl-C outside the full-screen view)
   */
  public record Result(int frames, boolean partial, boolean interrupted) {}

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private WatchLoop() {}

  /**
   * Watches {@code source}. The first frame's failure propagates (the command's usual error and
   * exit code); later failures are shown and the view goes on.
   */
  public static Result run(Output out, FrameSource source, Settings settings) throws Exception {
    if (out.settings().terminal() && !out.json()) {
      Optional<Terminal> shared = SharedTerminal.current();
      if (shared.isPresent()) {
        return new LiveScreen(shared.get(), source, settings, out.settings()).run();
      }
      Terminal terminal = systemTerminal();
      if (terminal != null) {
        try (terminal) {
          return new LiveScreen(terminal, source, settings, out.settings()).run();
        }
      }
    }
    return plain(out, source, settings);
  }

  private static Terminal systemTerminal() {
    try {
      Terminal t = TerminalBuilder.builder().system(true).dumb(true).name("stackscope").build();
      if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB)) {
        t.close();
        return null;
      }
      return t;
    } catch (IOException e) {
      return null;
    }
  }

  private static Result plain(Output out, FrameSource source, Settings settings) throws Exception {
    boolean partial = false;
    int frames = 0;
    long next = System.nanoTime();
    while (settings.count() == null || frames < settings.count()) {
      if (frames > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            return new Result(frames, partial, true);
          }
        }
      }
      next = System.nanoTime() + settings.interval().toNanos();
      Captured c = next(out.stdout(), source, out.settings(), frames == 0);
      frames++;
      partial |= c.partial();
      if (!c.notes().isEmpty()) {
        out.stderr().print(c.notes());
        out.stderr().flush();
      }
      if (c.frame() == null) {
        continue;
      }
      if (out.json()) {
        Object doc = c.frame().jsonDocument();
        out.jsonLine(doc != null ? doc : plainLines(c.frame(), out.settings()));
      } else {
        if (frames > 1) {
          out.blank();
        }
        out.line(
            Text.of("Every " + Interval.format(settings.interval()) + ": ")
                .add(settings.title())
                .add("  " + LocalDateTime.now(settings.clock()).format(DATE_TIME)));
        for (FrameView.Line l :
            FrameView.render(c.frame(), null, new ViewState(settings.interval()), out.settings())
                .lines()) {
          out.stdout().println(l.text());
        }
        out.stdout().flush();
      }
      out.checkWritten(); // a closed pipe or a full disk ends the view (OutputFailure)
      if (Thread.currentThread().isInterrupted()) {
        return new Result(frames, partial, true);
      }
    }
    return new Result(frames, partial, false);
  }

  /** A frame and what it said on stderr; frame null when it failed (after the first). */
  record Captured(Frame frame, String notes) {
    /** The frame could not read everything, or failed: the view's exit code is 3. */
    boolean partial() {
      return frame == null || frame.isPartial();
    }
  }

  /** Produces one frame with stderr captured; the first frame's exception propagates. */
  static Captured next(
      PrintWriter stdout, FrameSource source, RenderSettings settings, boolean first)
      throws Exception {
    StringWriter notes = new StringWriter();
    Output frameOut = new Output(stdout, new PrintWriter(notes, true), settings);
    try {
      return new Captured(source.next(frameOut), notes.toString());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (first) {
        throw e;
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Captured(null, notes + "stackscope: " + Sanitizer.clean(message) + "\n");
    }
  }

  private static List<String> plainLines(Frame frame, RenderSettings settings) {
    List<String> lines = new ArrayList<>();
    for (FrameView.Line l :
        FrameView.render(frame, null, new ViewState(Interval.DEFAULT), settings.withColor(false))
            .lines()) {
      lines.add(l.text());
    }
    return lines;
  }
}
