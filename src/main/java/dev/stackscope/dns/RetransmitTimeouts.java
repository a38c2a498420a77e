package dev.stackscope.dns;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How long to wait for a server before asking the next one too: Unbound's retransmit timeout
 * estimate (util/rtt.c, after Stevens), kept per server address for one resolution. A server not
 * heard from yet gets the initial value (Unbound: 376 ms, its UNKNOWN_SERVER_NICENESS: smoothed RTT
 * 0, variance 94 ms); each reply moves the estimate to srtt + 4 × rttvar with the usual gains (1/8,
 * 1/4), never below 50 ms (Unbound's RTT_MIN_TIMEOUT) or above 120 s. Integer milliseconds, as
 * Unbound computes them.
 */
final class RetransmitTimeouts {
  static final int MIN_MS = 50;
  static final int MAX_MS = 120_000;

  private final int initialMs;
  private final Map<InetAddress, int[]> estimates = new HashMap<>();

  /**
   * @param initialMs the timeout for a server not heard from yet (at least 1)
   */
  RetransmitTimeouts(int initialMs) {
    this.initialMs = initialMs;
  }

  /** The current timeout for the server at {@code address}, in milliseconds. */
  int timeoutMs(InetAddress address) {
    int[] e = estimates.get(address);
    return e == null ? initialMs : clamp(e[0] + 4 * e[1]);
  }

  /** Takes a reply's round-trip time into the server's estimate. */
  void replied(InetAddress address, double rttMs) {
    int[] e = estimates.computeIfAbsent(address, a -> new int[] {0, initialMs / 4});
    int delta = (int) Math.round(rttMs) - e[0];
    e[0] += delta / 8;
    e[1] += (Math.abs(delta) - e[1]) / 4;
  }

  private int clamp(int ms) {
    // a --hedge below Unbound's floor is the user's choice: keep it
    return Math.max(Math.min(MIN_MS, initialMs), Math.min(MAX_MS, ms));
  }
}
