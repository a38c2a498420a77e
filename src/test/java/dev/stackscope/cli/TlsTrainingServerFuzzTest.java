package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the warm-up server's reading of HTTP/2 frames (docs/fuzzing.md): anyone on
 * loopback can connect while it runs. Without JAZZER_FUZZ it replays the corpus, if any.
 */
class TlsTrainingServerFuzzTest {
  /**
   * Arbitrary bytes after the HTTP/2 preface: only an IOException (a query that is no DNS message)
   * or the end of the input; every frame written back is whole, on stream 0 (SETTINGS, PING) or on
   * a stream the client used, at most 16384 bytes (the default frame size), and only SETTINGS,
   * PING, HEADERS or DATA.
   */
  @FuzzTest
  void http2Frames(FuzzedDataProvider data) {
    byte[] wire = data.consumeRemainingAsBytes();
    byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] in = new byte[preface.length + wire.length];
    System.arraycopy(preface, 0, in, 0, preface.length);
    System.arraycopy(wire, 0, in, preface.length, wire.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TlsTrainingServer.serveH2(new ByteArrayInputStream(in), out);
    } catch (IOException e) {
      // a DATA body that is no DNS message: the connection ends
    }
    byte[] o = out.toByteArray();
    int at = 0;
    while (at < o.length) {
      assertTrue(at + 9 <= o.length, "a whole frame header");
      int len = ((o[at] & 0xff) << 16) | ((o[at + 1] & 0xff) << 8) | (o[at + 2] & 0xff);
      int type = o[at + 3] & 0xff;
      int stream = ((o[at + 5] & 0x7f) << 24) | ((o[at + 6] & 0xff) << 16);
      stream |= ((o[at + 7] & 0xff) << 8) | (o[at + 8] & 0xff);
      assertTrue(len <= 16384, "length " + len);
      assertTrue(type == 0 || type == 1 || type == 4 || type == 6, "type " + type);
      assertEquals(type == 4 || type == 6, stream == 0, "stream " + stream + " of type " + type);
      at += 9 + len;
      assertTrue(at <= o.length, "a whole frame payload");
    }
  }
}
