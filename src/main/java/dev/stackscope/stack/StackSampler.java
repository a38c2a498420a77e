package dev.stackscope.stack;

import dev.stackscope.os.Sleeper;
import java.io.IOException;
import java.time.Duration;

/**
 * Takes snapshots over a period and merges them, so that short-lived connections (a worker that
 * closes after each request) are seen: what any snapshot saw is in the result.
 */
public final class StackSampler {
  /** One snapshot of processes and sockets. */
  @FunctionalInterface
  public interface Snapshot {
    StackInputs take() throws IOException, InterruptedException;

    /**
     * The user of a process this snapshot took; a snapshot may leave users out of {@link #take} and
     * read them only for the processes the map shows.
     */
    default String user(StackProcess p) {
      return p.user();
    }

    /** The unit, container and network namespace of a process this snapshot took. */
    default ComponentPlace place(StackProcess p) {
      return ComponentPlace.NONE;
    }

    /**
     * The program that publishes a container's port on this host listener ({@code docker-proxy},
     * {@code conmon}), or null when it is no published port.
     */
    default String publishedVia(java.net.InetAddress address, int port) {
      return null;
    }
  }

  private final Snapshot snapshot;
  private final Sleeper sleeper;
  private final Duration interval;

  public StackSampler(Snapshot snapshot, Sleeper sleeper, Duration interval) {
    this.snapshot = snapshot;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  /** One snapshot when {@code duration} is zero, else one every interval until it has passed. */
  public StackInputs sample(Duration duration) throws IOException, InterruptedException {
    StackInputs merged = snapshot.take();
    long rounds = duration.isZero() ? 0 : Math.max(1, duration.toMillis() / interval.toMillis());
    for (long i = 0; i < rounds; i++) {
      sleeper.sleep(interval);
      merged = merged.merge(snapshot.take());
    }
    return merged;
  }
}
