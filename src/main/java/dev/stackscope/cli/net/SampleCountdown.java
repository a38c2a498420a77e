package dev.stackscope.cli.net;

import dev.stackscope.output.ProgressLine;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * "sampling… 4s left" on the run's {@link ProgressLine} while a {@code --sample} runs; erased when
 * the sample ends ({@link Duration#ZERO}) or the countdown is closed (a failed or interrupted run).
 */
public final class SampleCountdown implements Consumer<Duration>, AutoCloseable {
  private final ProgressLine line;

  public SampleCountdown(ProgressLine line) {
    this.line = line;
  }

  @Override
  public void accept(Duration left) {
    if (left.isZero()) {
      line.close();
    } else {
      line.countdown("sampling…", left);
    }
  }

  @Override
  public void close() {
    line.close();
  }
}
