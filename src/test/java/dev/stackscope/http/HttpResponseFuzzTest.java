package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Fuzz target for what an HTTP server sends {@code http}: the response reader, then the caching
 * verdict and HSTS over whatever header fields it read (docs/fuzzing.md). Without JAZZER_FUZZ it
 * replays the corpus in {@code HttpResponseFuzzTestInputs/response/}.
 */
class HttpResponseFuzzTest {
  @FuzzTest
  void response(FuzzedDataProvider data) throws Exception {
    String method = data.pickValue(List.of("GET", "HEAD", "POST"));
    int keep = data.consumeInt(0, 64);
    if (data.consumeBoolean()) {
      // a well-formed response built from the fuzz data parses back to its parts
      int status = data.consumeInt(200, 599);
      if (status == 204 || status == 304) {
        status = 200; // those have no body whatever the fields say (RFC 9112 section 6.3)
      }
      // a field value is bytes, read as ISO-8859-1: the value keeps to that charset, without
      // controls, and loses the blanks the reader trims (SP and HT only)
      String value =
          data.consumeString(40)
              .replaceAll("[^\\x20-\\x7e\\x80-\\xff]", "")
              .replaceAll("^[ \\t]+|[ \\t]+$", "");
      byte[] body = data.consumeBytes(200);
      boolean chunked = data.consumeBoolean();
      StringBuilder wire = new StringBuilder("HTTP/1.1 " + status + " R\r\nX-F: " + value + "\r\n");
      wire.append(
          chunked
              ? "Transfer-Encoding: chunked\r\n\r\n"
              : "Content-Length: " + body.length + "\r\n\r\n");
      byte[] head = wire.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] all;
      if (chunked) {
        byte[] size =
            (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (body.length == 0 ? "" : "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        all =
            concat(
                head,
                body.length == 0 ? "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : size,
                body,
                tail);
      } else {
        all = concat(head, body);
      }
      ResponseReader r = new ResponseReader(new ByteArrayInputStream(all));
      ResponseHead h = r.readHead();
      assertEquals(status, h.status());
      assertEquals(value, h.headers().first("x-f"));
      ResponseReader.Body b = r.readBody(h, "GET", 1000);
      assertTrue(b.complete());
      assertArrayEquals(body, b.kept());
      return;
    }
    byte[] wire = data.consumeRemainingAsBytes();
    ResponseReader r = new ResponseReader(new ByteArrayInputStream(wire));
    ResponseHead h;
    ResponseReader.Body b;
    try {
      h = r.readHead();
      b = r.readBody(h, method, keep);
    } catch (IOException e) {
      return; // the only way a malformed response may end
    }
    assertTrue(h.status() >= 100 && h.status() <= 999);
    assertTrue(h.headers().fields().size() <= ResponseReader.MAX_FIELDS);
    assertTrue(b.bytes() <= wire.length && b.kept().length <= keep);
    CacheVerdict v =
        CacheAnalysis.analyse(
            method,
            Headers.of(List.of()),
            h.status(),
            h.headers(),
            Instant.parse("2026-12-05T10:00:00Z"));
    assertEquals(v.storable(), v.notStorableBecause().isEmpty());
    assertTrue(v.freshnessSeconds() == null || v.freshnessSeconds() >= 0);
    assertTrue(v.ageSeconds() == null || v.ageSeconds() >= 0);
    assertTrue(!v.fresh() || v.storable());
    assertTrue(v.servedBy().size() <= 2 * CacheAnalysis.MAX_HOPS + 2);
    Hsts hsts = Hsts.parse(h.headers().first("Strict-Transport-Security"));
    assertTrue(hsts == null || hsts.maxAgeSeconds() >= 0);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
