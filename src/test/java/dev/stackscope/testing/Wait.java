package dev.stackscope.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

/** Polling for something another process does, with a generous deadline (shared CI machines). */
public final class Wait {
  private Wait() {}

  /** A condition to poll; may throw (a file not there yet, say). */
  public interface Check {
    boolean ok() throws Exception;
  }

  /** Polls every 50 ms until {@code check} holds; fails after 60 s naming {@code what}. */
  public static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.ok()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }
}
