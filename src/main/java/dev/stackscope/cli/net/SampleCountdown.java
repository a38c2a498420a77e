package dev.stackscope.cli.net;

import dev.stackscope.output.Output;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * "sampling… 4s left" on stderr, rewritten in place, while a {@code --sample} runs on a terminal;
 * nothing when the output is piped or JSON. Cleared at the end.
 */
public final class SampleCountdown implements Consumer<Duration> {
  private final PrintWriter err;
  private final boolean on;
  private int width;

  public SampleCountdown(Output out, boolean terminal) {
    this.err = out.stderr();
    this.on = terminal && !out.json();
  }

  @Override
  public void accept(Duration left) {
    if (!on) {
      return;
    }
    String text =
        left.isZero() ? "" : "sampling… " + Math.max(1, (left.toMillis() + 999) / 1000) + "s left";
    StringBuilder b = new StringBuilder("\r").append(text);
    for (int i = text.length(); i < width; i++) {
      b.append(' ');
    }
    if (left.isZero()) {
      b.append('\r');
    }
    width = text.length();
    err.print(b);
    err.flush();
  }
}
