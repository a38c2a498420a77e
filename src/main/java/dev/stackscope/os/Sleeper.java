package dev.stackscope.os;

import java.time.Duration;

/** Waits between two samples; tests pass one that does not sleep. */
@FunctionalInterface
public interface Sleeper {
  /**
   * Sleeps on the calling thread (a class, not a lambda: a cold start spins a class per lambda).
   */
  Sleeper THREAD =
      new Sleeper() {
        @Override
        public void sleep(Duration d) throws InterruptedException {
          Thread.sleep(d.toMillis());
        }
      };

  void sleep(Duration d) throws InterruptedException;
}
