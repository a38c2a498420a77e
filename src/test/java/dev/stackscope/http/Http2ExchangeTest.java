package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP/2 client against scripted server bytes: what it answers and what it makes of them. */
class Http2ExchangeTest {
  /** A header block of literals without indexing, Huffman-coded when asked. */
  static byte[] block(boolean huffman, String... nameValue) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int i = 0; i < nameValue.length; i += 2) {
      o.write(0);
      str(o, nameValue[i], huffman);
      str(o, nameValue[i + 1], huffman);
    }
    return o.toByteArray();
  }

  private static void str(ByteArrayOutputStream o, String s, boolean huffman) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (huffman) {
      b = HpackHuffman.encode(b);
    }
    Http2Exchange.integer(o, huffman ? 0x80 : 0, 7, b.length);
    o.writeBytes(b);
  }

  static void frame(ByteArrayOutputStream o, int type, int flags, int stream, byte[] payload) {
    Http2Exchange.frame(o, type, flags, stream, payload);
  }

  /** The server's bytes, and what the client wrote back. */
  static final class Run {
    final ByteArrayOutputStream client = new ByteArrayOutputStream();
    int sent;
    int firstByte;

    Http2Exchange.Exchange go(byte[] server, String method, int keep) throws IOException {
      return new Http2Exchange(new ByteArrayInputStream(server), client)
          .exchange(
              method,
              "https",
              "example.test",
              "/",
              List.of(new Header("Accept", "*/*")),
              null,
              keep,
              new Http2Exchange.Marks() {
                @Override
                public void sent() {
                  sent++;
                }

                @Override
                public void firstByte() {
                  firstByte++;
                }
              });
    }
  }

  @Test
  void readsAnInterimThenAResponseSplitOverContinuationWithPaddedData() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.SETTINGS, 0, 0, new byte[] {0, 5, 0, 0, 0x40, 0}); // MAX_FRAME 16384
    byte[] ping = "12345678".getBytes(StandardCharsets.US_ASCII);
    frame(s, Http2Exchange.PING, 0, 0, ping);
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, block(true, ":status", "103"));
    byte[] head =
        block(true, ":status", "200", "content-length", "5", "server", "h2test", "x-long", "y");
    frame(s, Http2Exchange.HEADERS, 0, 1, Arrays.copyOfRange(head, 0, 4));
    frame(s, Http2Exchange.CONTINUATION, 0, 1, Arrays.copyOfRange(head, 4, 9));
    frame(
        s,
        Http2Exchange.CONTINUATION,
        Http2Exchange.END_HEADERS,
        1,
        Arrays.copyOfRange(head, 9, head.length));
    frame(s, Http2Exchange.WINDOW_UPDATE, 0, 0, Http2Exchange.int32(1000));
    frame(s, Http2Exchange.DATA, Http2Exchange.PADDED, 1, new byte[] {3, 'h', 'e', 0, 0, 0});
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 1, "llo".getBytes());
    Run run = new Run();
    Http2Exchange.Exchange x = run.go(s.toByteArray(), "GET", 3);
    assertEquals(200, x.head().status());
    assertEquals("2", x.head().version());
    assertEquals("h2test", x.head().headers().first("Server"));
    assertEquals(5, x.body().bytes());
    assertArrayEquals("hel".getBytes(), x.body().kept());
    assertTrue(x.body().complete());
    assertEquals(1, run.sent);
    assertEquals(1, run.firstByte);
    byte[] c = run.client.toByteArray();
    assertArrayEquals(Http2Exchange.PREFACE, Arrays.copyOf(c, Http2Exchange.PREFACE.length));
    String wire = new String(c, StandardCharsets.ISO_8859_1);
    // the SETTINGS ack and the PING ack carry what they answer
    assertTrue(wire.contains("\0\0\0\4\1\0\0\0\0"), "SETTINGS ACK");
    assertTrue(wire.contains("\0\0\10\6\1\0\0\0\0" + "12345678"), "PING ACK");
  }

  @Test
  void trailersEndTheStream() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, block(false, ":status", "404"));
    frame(s, Http2Exchange.DATA, 0, 1, "gone".getBytes());
    frame(
        s,
        Http2Exchange.HEADERS,
        Http2Exchange.END_HEADERS | Http2Exchange.END_STREAM,
        1,
        block(false, "grpc-status", "0"));
    Http2Exchange.Exchange x = new Run().go(s.toByteArray(), "GET", 0);
    assertEquals(404, x.head().status());
    assertEquals(4, x.body().bytes());
    assertTrue(x.body().complete());
  }

  @Test
  void aCloseInTheBodyLeavesItIncomplete() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, block(false, ":status", "200"));
    frame(s, Http2Exchange.DATA, 0, 1, "part".getBytes());
    Http2Exchange.Exchange x = new Run().go(s.toByteArray(), "GET", 0);
    assertFalse(x.body().complete());
    assertFalse(x.body().truncated());
    assertEquals(4, x.body().bytes());
  }

  static String failure(byte[] server) {
    IOException e = assertThrows(IOException.class, () -> new Run().go(server, "GET", 0));
    return e.getMessage();
  }

  @Test
  void whatTheServerDoesWrongIsNamed() {
    ByteArrayOutputStream goaway = new ByteArrayOutputStream();
    frame(goaway, Http2Exchange.GOAWAY, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 11, 'c', 'a'});
    assertEquals(
        "the server sent GOAWAY (ENHANCE_YOUR_CALM) before taking the request: ca",
        failure(goaway.toByteArray()));
    ByteArrayOutputStream rst = new ByteArrayOutputStream();
    frame(rst, Http2Exchange.RST_STREAM, 0, 1, Http2Exchange.int32(2));
    assertEquals("the server reset the stream: INTERNAL_ERROR", failure(rst.toByteArray()));
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    frame(big, Http2Exchange.DATA, 0, 1, new byte[Http2Exchange.MAX_FRAME + 1]);
    assertTrue(failure(big.toByteArray()).contains("over 16384"));
    assertEquals(
        "the server answered in HTTP/1.x, not HTTP/2",
        failure("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("the server closed the connection without answering", failure(new byte[0]));
    ByteArrayOutputStream push = new ByteArrayOutputStream();
    frame(push, Http2Exchange.PUSH_PROMISE, 0, 1, new byte[4]);
    assertTrue(failure(push.toByteArray()).contains("PUSH_PROMISE"));
    ByteArrayOutputStream noStatus = new ByteArrayOutputStream();
    frame(noStatus, Http2Exchange.HEADERS, 4, 1, block(false, "server", "x"));
    assertEquals("a response without a valid :status", failure(noStatus.toByteArray()));
    ByteArrayOutputStream upper = new ByteArrayOutputStream();
    frame(upper, Http2Exchange.HEADERS, 4, 1, block(false, ":status", "200", "Server", "x"));
    assertTrue(failure(upper.toByteArray()).startsWith("an invalid header field name"));
    ByteArrayOutputStream interrupted = new ByteArrayOutputStream();
    frame(interrupted, Http2Exchange.HEADERS, 0, 1, block(false, ":status", "200"));
    frame(interrupted, Http2Exchange.DATA, 0, 1, new byte[1]);
    assertEquals("a header block interrupted by another frame", failure(interrupted.toByteArray()));
    ByteArrayOutputStream half = new ByteArrayOutputStream();
    half.writeBytes(new byte[] {0, 0, 9, 1});
    assertTrue(failure(half.toByteArray()).contains("in the middle of a frame"));
  }

  @Test
  void aCloseBeforeTheHeadersIsAnEof() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.SETTINGS, 0, 0, new byte[0]);
    EOFException e =
        assertThrows(EOFException.class, () -> new Run().go(s.toByteArray(), "GET", 0));
    assertEquals("the server closed the connection without answering", e.getMessage());
    frame(s, Http2Exchange.HEADERS, 0, 1, block(false, ":status", "200"));
    EOFException m =
        assertThrows(EOFException.class, () -> new Run().go(s.toByteArray(), "GET", 0));
    assertEquals("the server closed the connection in the middle of the headers", m.getMessage());
  }

  /** The frames the client wrote after its preface: {type, flags, stream, length} each. */
  static List<int[]> clientFrames(byte[] c) {
    List<int[]> frames = new java.util.ArrayList<>();
    for (int at = Http2Exchange.PREFACE.length; at + 9 <= c.length; ) {
      int len = ((c[at] & 0xff) << 16) | ((c[at + 1] & 0xff) << 8) | (c[at + 2] & 0xff);
      int stream = ((c[at + 5] & 0x7f) << 24) | ((c[at + 6] & 0xff) << 16);
      stream |= ((c[at + 7] & 0xff) << 8) | (c[at + 8] & 0xff);
      frames.add(new int[] {c[at + 3] & 0xff, c[at + 4] & 0xff, stream, len});
      at += 9 + len;
    }
    return frames;
  }

  private static Http2Exchange.Exchange ask(Http2Exchange h2, byte[] body) throws IOException {
    return h2.request("POST", "https", "dns.test", "/dns-query", List.of(), body, 16);
  }

  @Test
  void requestsGoOnStreamsOneThreeOfOneConnectionWithOneHpackTable() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.SETTINGS, 0, 0, new byte[0]);
    // the first response adds "x-id: a" to the dynamic table (literal with incremental indexing)
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    first.write(0x88); // :status 200
    first.write(0x40);
    first.writeBytes(new byte[] {4, 'x', '-', 'i', 'd', 1, 'a'});
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, first.toByteArray());
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 1, "one".getBytes());
    // the server will take stream 3 and no other
    frame(s, Http2Exchange.GOAWAY, 0, 0, new byte[] {0, 0, 0, 3, 0, 0, 0, 0});
    // the second refers to that entry (dynamic index 62): the table lives as long as the connection
    frame(
        s,
        Http2Exchange.HEADERS,
        Http2Exchange.END_HEADERS,
        3,
        new byte[] {(byte) 0x88, (byte) 0xbe});
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 3, "two".getBytes());
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    Http2Exchange h2 = new Http2Exchange(new ByteArrayInputStream(s.toByteArray()), client);
    Http2Exchange.Exchange one = ask(h2, "q1".getBytes());
    assertTrue(h2.open(), "no GOAWAY yet");
    Http2Exchange.Exchange two = ask(h2, "q2".getBytes());
    assertArrayEquals("one".getBytes(), one.body().kept());
    assertArrayEquals("two".getBytes(), two.body().kept());
    assertEquals("a", two.head().headers().first("x-id"));
    assertFalse(h2.open(), "the server said GOAWAY: no third stream");
    HttpProtocolException third =
        assertThrows(HttpProtocolException.class, () -> ask(h2, "q3".getBytes()));
    assertTrue(third.getMessage().contains("GOAWAY"), third.getMessage());
    byte[] c = client.toByteArray();
    String wire = new String(c, StandardCharsets.ISO_8859_1);
    assertEquals(wire.indexOf("PRI * HTTP/2.0"), wire.lastIndexOf("PRI * HTTP/2.0"), "one preface");
    List<int[]> frames = clientFrames(c);
    List<Integer> headerStreams =
        frames.stream().filter(f -> f[0] == Http2Exchange.HEADERS).map(f -> f[2]).toList();
    List<Integer> dataStreams =
        frames.stream().filter(f -> f[0] == Http2Exchange.DATA).map(f -> f[2]).toList();
    assertEquals(List.of(1, 3), headerStreams);
    assertEquals(List.of(1, 3), dataStreams);
    assertEquals(
        1, frames.stream().filter(f -> f[0] == Http2Exchange.SETTINGS && f[1] == 0).count());
  }

  @Test
  void aGoawayBelowTheRequestsStreamRefusesIt() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, new byte[] {(byte) 0x88});
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 1, "one".getBytes());
    frame(s, Http2Exchange.GOAWAY, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 0});
    Http2Exchange h2 =
        new Http2Exchange(new ByteArrayInputStream(s.toByteArray()), new ByteArrayOutputStream());
    assertEquals(200, ask(h2, null).head().status());
    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> ask(h2, null));
    assertEquals("the server sent GOAWAY (NO_ERROR) before taking the request", e.getMessage());
  }

  @Test
  void theConnectionsWindowIsGivenBackAcrossStreams() throws Exception {
    // three responses of 1.6 MB each: no stream reaches a quarter of the 16 MiB window, the
    // connection does (4 MiB) during the third, whose last frame ends its stream
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    byte[] chunk = new byte[16384];
    for (int stream = 1; stream <= 5; stream += 2) {
      frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, stream, new byte[] {(byte) 0x88});
      for (int i = 0; i < 100; i++) {
        frame(s, Http2Exchange.DATA, i == 99 ? Http2Exchange.END_STREAM : 0, stream, chunk);
      }
    }
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    Http2Exchange h2 = new Http2Exchange(new ByteArrayInputStream(s.toByteArray()), client);
    for (int i = 0; i < 3; i++) {
      assertEquals(1_638_400, ask(h2, null).body().bytes());
    }
    List<int[]> updates =
        clientFrames(client.toByteArray()).stream()
            .filter(f -> f[0] == Http2Exchange.WINDOW_UPDATE)
            .toList();
    // the preface's own (raising the window to 16 MiB), then one for the connection only
    assertEquals(
        2,
        updates.size(),
        () -> updates.stream().map(java.util.Arrays::toString).toList() + " WINDOW_UPDATEs");
    assertTrue(updates.stream().allMatch(f -> f[2] == 0), "on stream 0");
  }

  @Test
  void aHeaderBlockOnAnEarlierStreamStillFeedsTheHpackTable() throws Exception {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, Http2Exchange.HEADERS, Http2Exchange.END_HEADERS, 1, new byte[] {(byte) 0x88});
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 1, "one".getBytes());
    // late trailers of stream 1 add "x-id: a" to the table; stream 3's response refers to it
    ByteArrayOutputStream late = new ByteArrayOutputStream();
    late.write(0x40);
    late.writeBytes(new byte[] {4, 'x', '-', 'i', 'd', 1, 'a'});
    frame(
        s,
        Http2Exchange.HEADERS,
        Http2Exchange.END_HEADERS | Http2Exchange.END_STREAM,
        1,
        late.toByteArray());
    frame(
        s,
        Http2Exchange.HEADERS,
        Http2Exchange.END_HEADERS,
        3,
        new byte[] {(byte) 0x88, (byte) 0xbe});
    frame(s, Http2Exchange.DATA, Http2Exchange.END_STREAM, 3, "two".getBytes());
    Http2Exchange h2 =
        new Http2Exchange(new ByteArrayInputStream(s.toByteArray()), new ByteArrayOutputStream());
    ask(h2, null);
    assertEquals("a", ask(h2, null).head().headers().first("x-id"));
  }
}
