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
}
