package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the warm-up server's reading of a request head (docs/fuzzing.md): anyone on
 * loopback can connect while it runs. Without JAZZER_FUZZ it replays the corpus, if any.
 */
class TlsTrainingServerFuzzTest {
  /**
   * Arbitrary heads: no exception, a length of -1 or 0-65535; a head with one well-formed
   * Content-Length among arbitrary other lines gives that length.
   */
  @FuzzTest
  void requestHeads(FuzzedDataProvider data) {
    int announced = data.consumeInt(0, 65535);
    boolean wellFormed = data.consumeBoolean();
    String other = data.consumeRemainingAsString();
    int length = TlsTrainingServer.bodyLength(other);
    assertTrue(length >= -1 && length <= 65535, other);
    if (wellFormed && !other.toLowerCase(java.util.Locale.ROOT).contains("content-length")) {
      String head = "POST /dns-query HTTP/1.1\r\n" + other + "\r\nContent-Length: " + announced;
      assertEquals(announced, TlsTrainingServer.bodyLength(head), head);
    }
  }
}
