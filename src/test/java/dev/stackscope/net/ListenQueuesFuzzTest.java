package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz target for the accept queues read from {@code /proc/net/tcp} (docs/fuzzing.md). Without
 * JAZZER_FUZZ it replays {@code ListenQueuesFuzzTestInputs/procNet/}.
 */
class ListenQueuesFuzzTest {
  /**
   * Arbitrary text: no exception; every queue is a port 0-65535 with 0 or more queued and no
   * backlog (the file has none). A listener's line the kernel would write, after the header, parses
   * back to its port, queue and inode.
   */
  @FuzzTest
  void procNet(FuzzedDataProvider data) {
    int port = data.consumeInt(0, 0xFFFF);
    int queued = data.consumeInt(0, Integer.MAX_VALUE);
    long inode = data.consumeLong(0, 0xFFFFFFFFL);
    String text = data.consumeRemainingAsString();
    for (int v : new int[] {4, 6}) {
      for (ListenQueue q : ListenQueues.parse(text, v)) {
        assertTrue(q.port() >= 0 && q.port() <= 0xFFFF, "port " + q.port());
        assertTrue(q.queued() >= 0, "queued " + q.queued());
        assertNull(q.backlog());
        assertEquals(v, q.ipVersion());
      }
    }
    String line =
        String.format(
            "   0: 0100007F:%04X 00000000:0000 0A 00000000:%08X 00:00000000 00000000     0        0 %d 1 0 100 0 0 10 0%n",
            port, queued, inode);
    List<ListenQueue> parsed =
        ListenQueues.parse(
            "  sl  local_address rem_address   st tx_queue rx_queue\n" + line + text, 4);
    assertTrue(!parsed.isEmpty(), line);
    ListenQueue q = parsed.get(0);
    assertEquals(port, q.port());
    assertEquals(queued, q.queued());
    assertEquals(inode, q.inode());
  }
}
