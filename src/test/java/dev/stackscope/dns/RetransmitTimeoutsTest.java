package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The hedge delay per server: Unbound's retransmit timeout estimate (util/rtt.c). */
class RetransmitTimeoutsTest {
  private static final InetAddress A = ServerAddress.literal("192.0.2.1", "a");
  private static final InetAddress B = ServerAddress.literal("192.0.2.2", "b");

  @Test
  void unknownServerGetsUnboundsFirstTimeout() {
    assertEquals(376, new RetransmitTimeouts(376).timeoutMs(A));
  }

  @Test
  void repliesMoveTheEstimateLikeUnbound() {
    RetransmitTimeouts rto = new RetransmitTimeouts(376);
    rto.replied(A, 25);
    // Unbound: srtt 0 + 25/8 = 3; rttvar 94 + (25 - 94)/4 = 77; rto = 3 + 4 * 77
    assertEquals(311, rto.timeoutMs(A));
    assertEquals(376, rto.timeoutMs(B), "another server keeps the initial value");
    int previous = rto.timeoutMs(A);
    for (int i = 0; i < 50; i++) {
      rto.replied(A, 25);
      assertTrue(rto.timeoutMs(A) <= previous, "steady replies never raise it");
      previous = rto.timeoutMs(A);
    }
    // Unbound's integer arithmetic settles where the gains round to 0: srtt 18, rttvar 10
    assertEquals(58, rto.timeoutMs(A));
    for (int i = 0; i < 50; i++) {
      rto.replied(B, 1);
    }
    assertEquals(
        RetransmitTimeouts.MIN_MS, rto.timeoutMs(B), "a very fast server bottoms out at 50 ms");
  }

  @Test
  void slowRepliesRaiseTheEstimateUpToTheCap() {
    RetransmitTimeouts rto = new RetransmitTimeouts(376);
    rto.replied(A, 1000);
    assertEquals(125 + 4 * (94 + (1000 - 94) / 4), rto.timeoutMs(A));
    for (int i = 0; i < 100; i++) {
      rto.replied(A, 1_000_000);
    }
    assertEquals(RetransmitTimeouts.MAX_MS, rto.timeoutMs(A));
  }

  @Test
  void aSmallerInitialValueIsNotRaisedToTheFloor() {
    RetransmitTimeouts rto = new RetransmitTimeouts(20);
    assertEquals(20, rto.timeoutMs(A));
    rto.replied(A, 1);
    assertEquals(20, rto.timeoutMs(A), "srtt 0 + 4 * (5 + (1 - 5)/4) = 16, floor 20");
  }
}
