package dev.stackscope.net;

import dev.stackscope.os.Sleeper;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches the listeners for a while: the kernel's overflow counters before and after, and the
 * accept queues every {@link #INTERVAL}, so that a queue full for a moment is seen.
 */
public final class ListenSampler {
  /** Time between two readings of the queues. */
  public static final Duration INTERVAL = Duration.ofMillis(200);

  private final Supplier<ListenQueues> queues;
  private final Supplier<NetStat> counters;
  private final Sleeper sleeper;

  public ListenSampler(Supplier<ListenQueues> queues, Supplier<NetStat> counters, Sleeper sleeper) {
    this.queues = queues;
    this.counters = counters;
    this.sleeper = sleeper;
  }

  /**
   * Samples for {@code duration}; {@code left} is told the time left before each wait (for a
   * countdown), and {@link Duration#ZERO} at the end.
   */
  public ListenPressure sample(Duration duration, Consumer<Duration> left)
      throws InterruptedException {
    ListenPressure.Recorder recorder = new ListenPressure.Recorder(counters.get());
    recorder.saw(queues.get());
    long rounds = Math.max(1, duration.toMillis() / INTERVAL.toMillis());
    Duration step = duration.dividedBy(rounds);
    for (long i = 0; i < rounds; i++) {
      left.accept(step.multipliedBy(rounds - i));
      sleeper.sleep(step);
      recorder.saw(queues.get());
    }
    left.accept(Duration.ZERO);
    return recorder.finish(counters.get(), duration);
  }
}
