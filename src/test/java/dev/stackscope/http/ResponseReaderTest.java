package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {
  static ResponseReader reader(String wire) {
    return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() throws IOException {
    ResponseReader r =
        reader(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n");
    ResponseHead h = r.readHead();
    ResponseReader.Body b = r.readBody(h, "GET", 100);
    assertEquals(6, b.bytes());
    assertArrayEquals("hello!".getBytes(StandardCharsets.US_ASCII), b.kept());
    assertTrue(b.complete());
  }

  @Test
  void interimResponsesAreSkippedAndFoldedLinesJoined() throws IOException {
    ResponseReader r =
        reader(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\n" + "X-Long: a\r\n  b\r\n\r\n");
    ResponseHead h = r.readHead();
    assertEquals(204, h.status());
    assertEquals("a b", h.headers().first("x-long"));
    assertEquals(0, r.readBody(h, "GET", 10).bytes());
  }

  @Test
  void aShortBodyIsIncompleteAndConflictingLengthsAreAnError() throws IOException {
    ResponseReader r = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    ResponseReader.Body b = r.readBody(r.readHead(), "GET", 0);
    assertEquals(3, b.bytes());
    assertFalse(b.complete());
    assertFalse(b.truncated());
    ResponseReader c =
        reader("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    assertThrows(HttpProtocolException.class, () -> c.readBody(c.readHead(), "GET", 0));
  }

  @Test
  void malformedHeadsAreProtocolErrors() {
    for (String wire :
        new String[] {
          "HTTP/1.1 2000 OK\r\n\r\n",
          "FTP/1.1 200 OK\r\n\r\n",
          "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
          "HTTP/1.1 200 OK\r\nName : x\r\n\r\n",
          "HTTP/1.1 200 OK\r\n x\r\n\r\n",
          "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseReader.MAX_LINE) + "\r\n\r\n",
          "HTTP/1.1 100 Continue\r\n\r\n".repeat(ResponseReader.MAX_INTERIM + 2)
        }) {
      assertThrows(
          IOException.class,
          () -> reader(wire).readHead(),
          wire.substring(0, Math.min(20, wire.length())));
    }
    assertThrows(IOException.class, () -> reader("HTTP/1.1 200 OK\r\nContent-Ty").readHead());
  }
}
