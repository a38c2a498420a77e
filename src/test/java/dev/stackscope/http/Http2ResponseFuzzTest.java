package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Fuzz target for what an HTTP/2 server sends {@code http}: the frame reader and the HPACK decoder
 * behind it (docs/fuzzing.md). Without JAZZER_FUZZ it replays the corpus in {@code
 * Http2ResponseFuzzTestInputs/frames/}.
 */
class Http2ResponseFuzzTest {
  @FuzzTest
  void frames(FuzzedDataProvider data) throws Exception {
    String method = data.pickValue(List.of("GET", "HEAD"));
    int keep = data.consumeInt(0, 64);
    if (data.consumeBoolean()) {
      roundTrip(data, keep);
      return;
    }
    byte[] wire = data.consumeRemainingAsBytes();
    Http2Exchange.Exchange x;
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    try {
      x =
          new Http2Exchange(new ByteArrayInputStream(wire), client)
              .exchange(method, "https", "a.test", "/", List.of(), null, keep, marks());
    } catch (IOException e) {
      return; // the only way malformed frames may end
    }
    int status = x.head().status();
    assertTrue(status >= 100 && status <= 999, "status " + status);
    assertEquals("2", x.head().version());
    assertTrue(x.head().headers().fields().size() <= HpackDecoder.MAX_FIELDS);
    for (Header h : x.head().headers().fields()) {
      assertTrue(ResponseReader.isToken(h.name()), h.name());
      assertEquals(h.name().toLowerCase(Locale.ROOT), h.name());
    }
    assertTrue(x.body().bytes() <= wire.length && x.body().kept().length <= keep);
    assertTrue(x.body().kept().length <= x.body().bytes());
  }

  /** A well-formed response built from the fuzz data, cut into frames anywhere, reads back. */
  private static void roundTrip(FuzzedDataProvider data, int keep) throws IOException {
    int status = data.consumeInt(200, 599);
    if (status == 204 || status == 304) {
      status = 200; // no content by definition
    }
    boolean huffman = data.consumeBoolean();
    String value = data.consumeString(60).replaceAll("[^\\x20-\\x7e\\x80-\\xff]", "");
    byte[] body = data.consumeBytes(300);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (String[] f :
        new String[][] {{":status", Integer.toString(status)}, {"x-f", value}, {"x-f", value}}) {
      block.write(data.consumeBoolean() ? 0x40 : 0x10); // indexed into the table, or never
      for (String s : f) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] coded = huffman ? HpackHuffman.encode(b) : b;
        Http2Exchange.integer(block, huffman ? 0x80 : 0, 7, coded.length);
        block.writeBytes(coded);
      }
    }
    byte[] head = block.toByteArray();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    int cut = data.consumeInt(0, head.length);
    Http2Exchange.frame(
        wire,
        Http2Exchange.HEADERS,
        cut == head.length ? Http2Exchange.END_HEADERS : 0,
        1,
        java.util.Arrays.copyOfRange(head, 0, cut));
    if (cut < head.length) {
      Http2Exchange.frame(
          wire,
          Http2Exchange.CONTINUATION,
          Http2Exchange.END_HEADERS,
          1,
          java.util.Arrays.copyOfRange(head, cut, head.length));
    }
    int split = data.consumeInt(0, body.length);
    Http2Exchange.frame(
        wire, Http2Exchange.DATA, 0, 1, java.util.Arrays.copyOfRange(body, 0, split));
    Http2Exchange.frame(
        wire,
        Http2Exchange.DATA,
        Http2Exchange.END_STREAM,
        1,
        java.util.Arrays.copyOfRange(body, split, body.length));
    Http2Exchange.Exchange x =
        new Http2Exchange(new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream())
            .exchange("GET", "https", "a.test", "/", List.of(), null, 1000, marks());
    assertEquals(status, x.head().status());
    assertEquals(List.of(value, value), x.head().headers().all("x-f"));
    assertTrue(x.body().complete());
    assertArrayEquals(body, x.body().kept());
  }

  /**
   * Arbitrary server bytes under several requests on one connection (DNS over HTTPS): each request
   * ends in a response or an IOException; the client's requests go on new odd streams in order, its
   * preface once, and every WINDOW_UPDATE it sends gives back a positive amount.
   */
  @FuzzTest
  void connection(FuzzedDataProvider data) {
    int requests = data.consumeInt(1, 4);
    byte[] wire = data.consumeRemainingAsBytes();
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    Http2Exchange h2 = new Http2Exchange(new ByteArrayInputStream(wire), client);
    for (int i = 0; i < requests && h2.open(); i++) {
      try {
        Http2Exchange.Exchange x =
            h2.request("POST", "https", "a.test", "/dns-query", List.of(), new byte[] {1}, 64);
        assertTrue(x.body().kept().length <= 64 && x.body().bytes() <= wire.length);
      } catch (IOException e) {
        break; // the connection is not used after an error
      }
    }
    byte[] c = client.toByteArray();
    assertArrayEquals(
        Http2Exchange.PREFACE, java.util.Arrays.copyOf(c, Http2Exchange.PREFACE.length));
    int lastStream = -1;
    for (int at = Http2Exchange.PREFACE.length; at + 9 <= c.length; ) {
      int len = ((c[at] & 0xff) << 16) | ((c[at + 1] & 0xff) << 8) | (c[at + 2] & 0xff);
      int type = c[at + 3] & 0xff;
      int stream = (c[at + 7] & 0xff) << 8 | (c[at + 8] & 0xff);
      if (type == Http2Exchange.HEADERS) {
        assertTrue(stream % 2 == 1 && stream > lastStream, "stream " + stream);
        lastStream = stream;
      }
      if (type == Http2Exchange.WINDOW_UPDATE) {
        int inc = ((c[at + 9] & 0x7f) << 24) | ((c[at + 10] & 0xff) << 16);
        inc |= ((c[at + 11] & 0xff) << 8) | (c[at + 12] & 0xff);
        assertTrue(inc > 0, "a WINDOW_UPDATE of 0");
      }
      at += 9 + len;
    }
  }

  /** Arbitrary bytes as a header block: an error, or fields within the limits. */
  @FuzzTest
  void hpack(FuzzedDataProvider data) {
    HpackDecoder d = new HpackDecoder();
    for (int i = 0; i < 3 && data.remainingBytes() > 0; i++) {
      byte[] block = data.consumeBytes(data.consumeInt(0, 4096));
      try {
        List<Header> fields = d.decode(block);
        assertTrue(fields.size() <= HpackDecoder.MAX_FIELDS);
        long size = 0;
        for (Header h : fields) {
          size += h.name().length() + h.value().length() + 32;
        }
        assertTrue(size <= HpackDecoder.MAX_LIST);
      } catch (HttpProtocolException e) {
        return;
      }
      assertTrue(d.tableSize() <= HpackDecoder.TABLE_SIZE && d.tableSize() >= 0);
    }
  }

  private static Http2Exchange.Marks marks() {
    return new Http2Exchange.Marks() {
      @Override
      public void sent() {}

      @Override
      public void firstByte() {}
    };
  }
}
