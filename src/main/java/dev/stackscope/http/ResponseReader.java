package dev.stackscope.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP/1.1 response (RFC 9112) from a byte stream, with limits on every part a server
 * controls: the status line and each header line 16 KiB, the header section 64 KiB and 256 fields,
 * ten interim (1xx) responses, a chunk-size line 1 KiB, the body {@link #MAX_BODY} bytes (read
 * further than that, the rest is left unread and the body reported truncated). Bare LF line ends
 * are accepted (§2.2); obsolete line folding becomes a space (§5.2); a space before a field's colon
 * is an error (§5.1).
 */
public final class ResponseReader {
  static final int MAX_LINE = 16 * 1024;
  static final int MAX_HEAD = 64 * 1024;
  static final int MAX_FIELDS = 256;
  static final int MAX_INTERIM = 10;
  static final int MAX_CHUNK_LINE = 1024;

  /** How much of a body is read at most (counted, not kept). */
  public static final long MAX_BODY = 256L * 1024 * 1024;

  private final InputStream in;
  private int headBytes;

  public ResponseReader(InputStream in) {
    this.in = in;
  }

  /** The body as read: how many bytes, the first {@code keep} of them, and how it ended. */
  public record Body(long bytes, byte[] kept, boolean complete, boolean truncated) {}

  /** Blocks until the first byte of the response is there (time to first byte); false on EOF. */
  public boolean awaitFirstByte() throws IOException {
    in.mark(1);
    int b = in.read();
    if (b < 0) {
      return false;
    }
    in.reset();
    return true;
  }

  /** The final response's head; interim 1xx responses other than 101 are read and skipped. */
  public ResponseHead readHead() throws IOException {
    for (int interim = 0; ; interim++) {
      ResponseHead head = readOneHead();
      if (head.status() >= 200 || head.status() == 101) {
        return head;
      }
      if (interim >= MAX_INTERIM) {
        throw new HttpProtocolException("more than " + MAX_INTERIM + " interim (1xx) responses");
      }
    }
  }

  private ResponseHead readOneHead() throws IOException {
    headBytes = 0;
    String statusLine = readLine(MAX_LINE, "status line");
    if (statusLine == null) {
      throw new HttpProtocolException("the server closed the connection before a status line");
    }
    if (statusLine.length() < 12
        || !statusLine.startsWith("HTTP/")
        || !Character.isDigit(statusLine.charAt(5))
        || statusLine.charAt(6) != '.'
        || !Character.isDigit(statusLine.charAt(7))
        || statusLine.charAt(8) != ' '
        || !isDigits(statusLine, 9, 12)
        || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
      throw new HttpProtocolException("not an HTTP/1.x status line: " + shorten(statusLine));
    }
    String version = statusLine.substring(5, 8);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    if (status < 100) {
      throw new HttpProtocolException("status " + status + " is out of range");
    }
    String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
    List<Header> fields = new ArrayList<>();
    while (true) {
      String line = readLine(MAX_LINE, "header line");
      if (line == null) {
        throw new HttpProtocolException(
            "the server closed the connection in the middle of the headers");
      }
      if (line.isEmpty()) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (fields.isEmpty()) {
          throw new HttpProtocolException("a folded line before the first header field");
        }
        Header last = fields.remove(fields.size() - 1);
        fields.add(new Header(last.name(), (last.value() + " " + line.strip()).strip()));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new HttpProtocolException("a header line without a field name: " + shorten(line));
      }
      String name = line.substring(0, colon);
      if (!isToken(name)) {
        throw new HttpProtocolException("an invalid header field name: " + shorten(name));
      }
      if (fields.size() >= MAX_FIELDS) {
        throw new HttpProtocolException("more than " + MAX_FIELDS + " header fields");
      }
      fields.add(new Header(name, strip(line.substring(colon + 1))));
    }
    return new ResponseHead(version, status, reason, Headers.of(fields));
  }

  /**
   * Reads the body of {@code head}, the response to {@code method}, keeping the first {@code keep}
   * bytes. A premature close of a length-delimited body is not complete; the caller says so.
   */
  public Body readBody(ResponseHead head, String method, int keep) throws IOException {
    int s = head.status();
    if ("HEAD".equals(method) || s == 204 || s == 304 || (s >= 100 && s < 200)) {
      return new Body(0, new byte[0], true, false);
    }
    Sink sink = new Sink(keep);
    List<String> te = head.headers().list("Transfer-Encoding");
    if (!te.isEmpty() && te.get(te.size() - 1).equalsIgnoreCase("chunked")) {
      return readChunked(sink);
    }
    List<String> lengths = head.headers().list("Content-Length");
    if (te.isEmpty() && !lengths.isEmpty()) {
      long length = -1;
      for (String l : lengths) {
        long v = parseLength(l);
        if (length >= 0 && v != length) {
          throw new HttpProtocolException("conflicting Content-Length values");
        }
        length = v;
      }
      boolean eof = copy(sink, length);
      boolean complete = sink.bytes == length;
      return sink.body(complete, !complete && !eof);
    }
    boolean eof = copy(sink, Long.MAX_VALUE); // delimited by the end of the connection
    return sink.body(eof, !eof);
  }

  private Body readChunked(Sink sink) throws IOException {
    while (true) {
      String line = readLine(MAX_CHUNK_LINE, "chunk size line");
      if (line == null) {
        return sink.body(false, false);
      }
      int semi = line.indexOf(';');
      String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
      long size = parseHex(hex);
      if (size == 0) {
        for (int i = 0; ; i++) { // the trailer section, then the end
          String trailer = readLine(MAX_LINE, "trailer line");
          if (trailer == null || trailer.isEmpty()) {
            return sink.body(trailer != null, false);
          }
          if (i >= MAX_FIELDS) {
            throw new HttpProtocolException("more than " + MAX_FIELDS + " trailer fields");
          }
        }
      }
      long before = sink.bytes;
      boolean eof = copy(sink, size);
      if (sink.bytes - before < size) {
        return sink.body(false, !eof);
      }
      String end = readLine(MAX_CHUNK_LINE, "chunk end");
      if (end == null) {
        return sink.body(false, false);
      }
      if (!end.isEmpty()) {
        throw new HttpProtocolException("a chunk longer than its size line says");
      }
    }
  }

  /**
   * Reads up to {@code n} bytes into {@code sink}, never past {@link #MAX_BODY} in all; true when
   * the stream ended first.
   */
  private boolean copy(Sink sink, long n) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long left = Math.min(n, MAX_BODY - sink.bytes);
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        return true;
      }
      sink.write(buf, r);
      left -= r;
    }
    return false;
  }

  private static final class Sink {
    final int keep;
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long bytes;

    Sink(int keep) {
      this.keep = Math.max(0, keep);
    }

    void write(byte[] b, int n) {
      int room = (int) Math.max(0, Math.min(n, keep - (long) kept.size()));
      kept.write(b, 0, room);
      bytes += n;
    }

    Body body(boolean complete, boolean truncated) {
      return new Body(bytes, kept.toByteArray(), complete, truncated);
    }
  }

  /** One line without its CRLF/LF, as ISO-8859-1; null on EOF before any byte. */
  private String readLine(int max, String what) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb.length() == 0) {
          return null;
        }
        throw new EOFException("the server closed the connection in the middle of a " + what);
      }
      headBytes++;
      if (headBytes > MAX_HEAD && !what.startsWith("chunk")) {
        throw new HttpProtocolException("the response head is longer than " + MAX_HEAD + " bytes");
      }
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (b == 0) {
        throw new HttpProtocolException("a NUL byte in the " + what);
      }
      if (sb.length() >= max) {
        throw new HttpProtocolException("a " + what + " longer than " + max + " bytes");
      }
      sb.append((char) b);
    }
  }

  static long parseLength(String text) throws HttpProtocolException {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 18 || !isDigits(t, 0, t.length())) {
      throw new HttpProtocolException("an invalid Content-Length: " + shorten(text));
    }
    return Long.parseLong(t);
  }

  static long parseHex(String hex) throws HttpProtocolException {
    if (hex.isEmpty() || hex.length() > 15) {
      throw new HttpProtocolException("an invalid chunk size: " + shorten(hex));
    }
    long v = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        throw new HttpProtocolException("an invalid chunk size: " + shorten(hex));
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static boolean isDigits(String s, int from, int to) {
    if (to > s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 32 || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String v) {
    int a = 0;
    int b = v.length();
    while (a < b && (v.charAt(a) == ' ' || v.charAt(a) == '\t')) {
      a++;
    }
    while (b > a && (v.charAt(b - 1) == ' ' || v.charAt(b - 1) == '\t')) {
      b--;
    }
    return v.substring(a, b);
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** Decodes a kept body as text when its media type says it is (charset, else UTF-8). */
  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
