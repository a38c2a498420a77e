package dev.stackscope.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The client side of an HTTP/2 connection (RFC 9113): the preface and SETTINGS before the first
 * request, then one request at a time, each on the next stream (1, 3, 5…): its HEADERS (and DATA),
 * then frames until the response's stream ends. {@link #exchange} is one request and GOAWAY (a
 * probe); {@link #request} leaves the connection open for the next (DNS over HTTPS asks several
 * questions over one connection, RFC 8484 §5.1) until {@link #goAway}. Only what a client that asks
 * one thing at a time needs: no server push (disabled in SETTINGS), no priorities, no concurrent
 * streams. What the server sends is read with limits: a frame at most {@link #MAX_FRAME} bytes (the
 * default SETTINGS_MAX_FRAME_SIZE, which stackscope does not raise), a header block with its
 * CONTINUATIONs at most {@link #MAX_BLOCK} bytes, ten interim (1xx) responses, the body {@link
 * ResponseReader#MAX_BODY} bytes (then the stream is cancelled and the body reported truncated).
 */
public final class Http2Exchange {
  static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final int MAX_FRAME = 16384;
  static final int MAX_BLOCK = 64 * 1024;
  static final int MAX_INTERIM = 10;

  /** The receive window stackscope announces for the stream and the connection. */
  static final int WINDOW = 16 * 1024 * 1024;

  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int PRIORITY = 2;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PUSH_PROMISE = 5;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int WINDOW_UPDATE = 8;
  static final int CONTINUATION = 9;

  static final int END_STREAM = 0x1;
  static final int ACK = 0x1;
  static final int END_HEADERS = 0x4;
  static final int PADDED = 0x8;
  static final int PRIORITY_FLAG = 0x20;

  /** Fields HTTP/2 forbids in a request (RFC 9113 §8.2.2); Host becomes :authority. */
  private static final Set<String> CONNECTION_FIELDS =
      Set.of(
          "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

  private static final String[] ERRORS = {
    "NO_ERROR",
    "PROTOCOL_ERROR",
    "INTERNAL_ERROR",
    "FLOW_CONTROL_ERROR",
    "SETTINGS_TIMEOUT",
    "STREAM_CLOSED",
    "FRAME_SIZE_ERROR",
    "REFUSED_STREAM",
    "CANCEL",
    "COMPRESSION_ERROR",
    "CONNECT_ERROR",
    "ENHANCE_YOUR_CALM",
    "INADEQUATE_SECURITY",
    "HTTP_1_1_REQUIRED"
  };

  /** Called as the exchange passes its marks, for the timing waterfall. */
  interface Marks {
    /** The request has been written. */
    void sent();

    /** The response's first HEADERS frame has arrived (time to first byte). */
    void firstByte();
  }

  /** The response: its head (version "2", no reason phrase) and its body as read. */
  public record Exchange(ResponseHead head, ResponseReader.Body body) {}

  private static final Marks NO_MARKS =
      new Marks() {
        @Override
        public void sent() {
          // a client without a waterfall
        }

        @Override
        public void firstByte() {
          // a client without a waterfall
        }
      };

  private final InputStream in;
  private final OutputStream out;
  private final HpackDecoder hpack = new HpackDecoder();
  private int peerMaxFrame = 16384;
  private long sendWindow = 65535;
  private long streamSendWindow = 65535;
  private int peerInitialWindow = 65535;
  private boolean streamReset;

  /** Whether the preface and SETTINGS have been sent. */
  private boolean started;

  /** The stream of the request in flight, and the next one's (client streams are odd). */
  private int stream = 1;

  private long nextStream = 1;

  /** DATA received on the connection (all streams) not yet given back in a WINDOW_UPDATE. */
  private long connectionUnacknowledged;

  /** Whether the server said GOAWAY: it takes no new stream on this connection. */
  private boolean goneAway;

  /** One frame as read: its type, flags, stream and payload. */
  record Frame(int type, int flags, int stream, byte[] payload) {}

  public Http2Exchange(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** Makes one request and says GOAWAY; the scheme and authority are those of the URL. */
  Exchange exchange(
      String method,
      String scheme,
      String authority,
      String path,
      List<Header> fields,
      byte[] body,
      int keep,
      Marks marks)
      throws IOException {
    Exchange x = request(method, scheme, authority, path, fields, body, keep, marks);
    goAway();
    return x;
  }

  /**
   * Makes a request on the next stream and leaves the connection open for another; the first
   * request sends the preface. Keeps the first {@code keep} bytes of the body.
   */
  public Exchange request(
      String method,
      String scheme,
      String authority,
      String path,
      List<Header> fields,
      byte[] body,
      int keep)
      throws IOException {
    return request(method, scheme, authority, path, fields, body, keep, NO_MARKS);
  }

  /**
   * Whether another request may go over this connection: the server has not said GOAWAY and stream
   * numbers are left.
   */
  public boolean open() {
    return !goneAway && nextStream <= Integer.MAX_VALUE;
  }

  private Exchange request(
      String method,
      String scheme,
      String authority,
      String path,
      List<Header> fields,
      byte[] body,
      int keep,
      Marks marks)
      throws IOException {
    if (!open()) {
      throw new HttpProtocolException("the connection takes no new request (GOAWAY)");
    }
    stream = (int) nextStream;
    nextStream += 2;
    streamSendWindow = peerInitialWindow;
    streamReset = false;
    ByteArrayOutputStream start = new ByteArrayOutputStream();
    if (!started) {
      started = true;
      start.writeBytes(PREFACE);
      // ENABLE_PUSH 0, INITIAL_WINDOW_SIZE, MAX_HEADER_LIST_SIZE
      byte[] settings = new byte[18];
      setting(settings, 0, 0x2, 0);
      setting(settings, 6, 0x4, WINDOW);
      setting(settings, 12, 0x6, HpackDecoder.MAX_LIST);
      frame(start, SETTINGS, 0, 0, settings);
      frame(start, WINDOW_UPDATE, 0, 0, int32(WINDOW - 65535));
    }
    byte[] block = encode(method, scheme, authority, path, fields);
    boolean noBody = body == null || body.length == 0;
    headers(start, block, noBody);
    out.write(start.toByteArray());
    if (!noBody) {
      sendBody(body);
    }
    out.flush();
    marks.sent();
    return readResponse(method, keep, marks);
  }

  /** Says goodbye before the connection is closed (RFC 9113 §6.8): no stream was refused. */
  public void goAway() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    frame(o, GOAWAY, 0, 0, new byte[8]); // last stream 0 (none from the server), NO_ERROR
    try {
      out.write(o.toByteArray());
      out.flush();
    } catch (IOException e) {
      // the server closed first: nothing left to say
    }
  }

  /** HEADERS, then CONTINUATIONs when the block is larger than a frame may be. */
  private void headers(ByteArrayOutputStream o, byte[] block, boolean endStream) {
    int first = Math.min(block.length, peerMaxFrame);
    int flags = (endStream ? END_STREAM : 0) | (first == block.length ? END_HEADERS : 0);
    frame(o, HEADERS, flags, stream, java.util.Arrays.copyOfRange(block, 0, first));
    for (int at = first; at < block.length; ) {
      int n = Math.min(block.length - at, peerMaxFrame);
      frame(
          o,
          CONTINUATION,
          at + n == block.length ? END_HEADERS : 0,
          stream,
          java.util.Arrays.copyOfRange(block, at, at + n));
      at += n;
    }
  }

  /** DATA within the peer's windows, reading its frames (SETTINGS, WINDOW_UPDATE) to wait. */
  private void sendBody(byte[] body) throws IOException {
    int at = 0;
    while (at < body.length) {
      long room = Math.min(Math.min(sendWindow, streamSendWindow), peerMaxFrame);
      if (room <= 0) {
        out.flush();
        Frame f = read();
        control(f);
        if (streamReset) {
          return; // the server answers (or refuses) without the rest of the body
        }
        continue;
      }
      int n = (int) Math.min(room, body.length - at);
      ByteArrayOutputStream o = new ByteArrayOutputStream(n + 9);
      frame(
          o,
          DATA,
          at + n == body.length ? END_STREAM : 0,
          stream,
          java.util.Arrays.copyOfRange(body, at, at + n));
      out.write(o.toByteArray());
      sendWindow -= n;
      streamSendWindow -= n;
      at += n;
    }
  }

  private Exchange readResponse(String method, int keep, Marks marks) throws IOException {
    ResponseHead head = null;
    int interim = 0;
    long bytes = 0;
    long unacknowledged = 0;
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    boolean headersSeen = false;
    while (true) {
      Frame f;
      try {
        f = read();
      } catch (EOFException e) {
        if (head == null) {
          throw new EOFException(
              headersSeen
                  ? "the server closed the connection after an interim response"
                  : "the server closed the connection without answering");
        }
        return new Exchange(head, new ResponseReader.Body(bytes, kept.toByteArray(), false, false));
      }
      if (f.stream() == 0 || f.stream() != stream && f.type() != HEADERS && f.type() != DATA) {
        control(f);
        continue;
      }
      if (f.stream() < stream && (f.stream() & 1) == 1) {
        // an earlier stream of this connection, cancelled by this client: frames in flight; a
        // header block is still decoded, as the HPACK table is the connection's (RFC 7541 §2.2)
        if (f.type() == HEADERS) {
          hpack.decode(headerBlock(f));
        }
        connectionUnacknowledged += f.type() == DATA ? f.payload().length : 0;
        continue;
      }
      if (f.stream() != stream) {
        throw new HttpProtocolException(
            "a " + (f.type() == DATA ? "DATA" : "HEADERS") + " frame on stream " + f.stream());
      }
      switch (f.type()) {
        case HEADERS -> {
          byte[] blockBytes = headerBlock(f);
          List<Header> decoded = hpack.decode(blockBytes);
          boolean end = (f.flags() & END_STREAM) != 0;
          if (head == null) {
            ResponseHead h = head(decoded);
            if (!headersSeen) {
              marks.firstByte();
            }
            headersSeen = true;
            if (h.status() < 200 && h.status() != 101) {
              if (end) {
                throw new HttpProtocolException("an interim response that ends the stream");
              }
              if (++interim > MAX_INTERIM) {
                throw new HttpProtocolException(
                    "more than " + MAX_INTERIM + " interim (1xx) responses");
              }
              continue;
            }
            head = h;
          } else if (!end) { // trailers close the stream (RFC 9113 §8.1)
            throw new HttpProtocolException("a trailer section without END_STREAM");
          }
          if (end) {
            return new Exchange(
                head, new ResponseReader.Body(bytes, kept.toByteArray(), true, false));
          }
        }
        case DATA -> {
          if (head == null) {
            throw new HttpProtocolException("DATA before the response's HEADERS");
          }
          byte[] p = unpad(f);
          if (!("HEAD".equals(method) || head.status() == 204 || head.status() == 304)) {
            int room = (int) Math.max(0, Math.min(p.length, keep - (long) kept.size()));
            kept.write(p, 0, room);
            bytes += p.length;
          }
          unacknowledged += f.payload().length;
          connectionUnacknowledged += f.payload().length;
          if (bytes >= ResponseReader.MAX_BODY) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            frame(o, RST_STREAM, 0, stream, int32(8)); // CANCEL
            out.write(o.toByteArray());
            out.flush();
            return new Exchange(
                head, new ResponseReader.Body(bytes, kept.toByteArray(), false, true));
          }
          boolean ended = (f.flags() & END_STREAM) != 0;
          // the connection's window spans the streams: given back even as this one ends
          boolean giveStream = !ended && unacknowledged >= WINDOW / 4;
          if (giveStream || connectionUnacknowledged >= WINDOW / 4) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            frame(o, WINDOW_UPDATE, 0, 0, int32((int) connectionUnacknowledged));
            connectionUnacknowledged = 0;
            if (giveStream) {
              frame(o, WINDOW_UPDATE, 0, stream, int32((int) unacknowledged));
              unacknowledged = 0;
            }
            out.write(o.toByteArray());
            out.flush();
          }
          if (ended) {
            return new Exchange(
                head, new ResponseReader.Body(bytes, kept.toByteArray(), true, false));
          }
        }
        default -> {
          control(f);
          if (streamReset) {
            if (head == null) {
              throw new HttpProtocolException(
                  "the server reset the stream: " + error(f.payload(), 0));
            }
            return new Exchange(
                head, new ResponseReader.Body(bytes, kept.toByteArray(), false, false));
          }
        }
      }
    }
  }

  /** Frames that are not the response's own: SETTINGS, PING, GOAWAY, WINDOW_UPDATE, RST_STREAM. */
  private void control(Frame f) throws IOException {
    byte[] p = f.payload();
    switch (f.type()) {
      case SETTINGS -> {
        if (f.stream() != 0 || p.length % 6 != 0 || (f.flags() & ACK) != 0 && p.length != 0) {
          throw new HttpProtocolException("a malformed SETTINGS frame");
        }
        if ((f.flags() & ACK) == 0) {
          for (int i = 0; i < p.length; i += 6) {
            int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            long v = u32(p, i + 2);
            if (id == 0x4) {
              if (v > Integer.MAX_VALUE) {
                throw new HttpProtocolException("SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
              }
              streamSendWindow += v - peerInitialWindow;
              peerInitialWindow = (int) v;
            } else if (id == 0x5) {
              if (v < 16384 || v > 16777215) {
                throw new HttpProtocolException("SETTINGS_MAX_FRAME_SIZE out of range: " + v);
              }
              peerMaxFrame = (int) v;
            }
          }
          ByteArrayOutputStream o = new ByteArrayOutputStream();
          frame(o, SETTINGS, ACK, 0, new byte[0]);
          out.write(o.toByteArray());
          out.flush();
        }
      }
      case PING -> {
        if (p.length != 8 || f.stream() != 0) {
          throw new HttpProtocolException("a malformed PING frame");
        }
        if ((f.flags() & ACK) == 0) {
          ByteArrayOutputStream o = new ByteArrayOutputStream();
          frame(o, PING, ACK, 0, p);
          out.write(o.toByteArray());
          out.flush();
        }
      }
      case GOAWAY -> {
        if (p.length < 8) {
          throw new HttpProtocolException("a malformed GOAWAY frame");
        }
        long last = u32(p, 0) & 0x7fffffffL;
        goneAway = true;
        if (last < stream) {
          throw new HttpProtocolException(
              "the server sent GOAWAY (" + error(p, 4) + ") before taking the request" + debug(p));
        }
      }
      case WINDOW_UPDATE -> {
        if (p.length != 4) {
          throw new HttpProtocolException("a malformed WINDOW_UPDATE frame");
        }
        long inc = u32(p, 0) & 0x7fffffffL;
        if (f.stream() == 0) {
          sendWindow += inc;
        } else if (f.stream() == stream) {
          streamSendWindow += inc;
        }
      }
      case RST_STREAM -> {
        if (p.length != 4) {
          throw new HttpProtocolException("a malformed RST_STREAM frame");
        }
        if (f.stream() == stream) {
          streamReset = true;
        }
      }
      case PUSH_PROMISE -> throw new HttpProtocolException("PUSH_PROMISE, though push is off");
      case CONTINUATION -> throw new HttpProtocolException("a CONTINUATION without HEADERS");
      default -> {
        // PRIORITY and unknown types are ignored (RFC 9113 §4.1, §5.5)
      }
    }
  }

  /** The header block of a HEADERS frame and the CONTINUATIONs that follow it. */
  private byte[] headerBlock(Frame f) throws IOException {
    byte[] p = unpad(f);
    int skip = (f.flags() & PRIORITY_FLAG) != 0 ? 5 : 0;
    if (p.length < skip) {
      throw new HttpProtocolException("a HEADERS frame shorter than its priority fields");
    }
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(p, skip, p.length - skip);
    int flags = f.flags();
    while ((flags & END_HEADERS) == 0) {
      Frame c;
      try {
        c = read();
      } catch (EOFException e) {
        throw new EOFException("the server closed the connection in the middle of the headers");
      }
      if (c.type() != CONTINUATION || c.stream() != f.stream()) {
        throw new HttpProtocolException("a header block interrupted by another frame");
      }
      if (block.size() + c.payload().length > MAX_BLOCK) {
        throw new HttpProtocolException("a header block longer than " + MAX_BLOCK + " bytes");
      }
      block.writeBytes(c.payload());
      flags = c.flags();
    }
    return block.toByteArray();
  }

  /** The head of a decoded response block: :status first, no other pseudo-field. */
  static ResponseHead head(List<Header> decoded) throws HttpProtocolException {
    String status = null;
    List<Header> fields = new ArrayList<>();
    for (Header h : decoded) {
      if (h.name().startsWith(":")) {
        if (!h.name().equals(":status") || status != null || !fields.isEmpty()) {
          throw new HttpProtocolException(
              "an invalid pseudo-header in a response: " + ResponseReader.shorten(h.name()));
        }
        status = h.value();
      } else if (!ResponseReader.isToken(h.name())
          || !h.name().equals(h.name().toLowerCase(Locale.ROOT))) {
        throw new HttpProtocolException(
            "an invalid header field name: " + ResponseReader.shorten(h.name()));
      } else {
        fields.add(h);
      }
    }
    if (status == null
        || status.length() != 3
        || !status.chars().allMatch(c -> c >= '0' && c <= '9')
        || status.charAt(0) == '0') {
      throw new HttpProtocolException(
          "a response without a valid :status"
              + (status == null ? "" : ": " + ResponseReader.shorten(status)));
    }
    return new ResponseHead("2", Integer.parseInt(status), "", Headers.of(fields));
  }

  /** Reads one frame; a frame over {@link #MAX_FRAME} bytes is an error (FRAME_SIZE_ERROR). */
  Frame read() throws IOException {
    byte[] h = new byte[9];
    int got = in.readNBytes(h, 0, 9);
    if (got == 0) {
      throw new EOFException("the server closed the connection");
    }
    if (got < 9) {
      throw new HttpProtocolException("the server closed the connection in the middle of a frame");
    }
    if (h[0] == 'H' && h[1] == 'T' && h[2] == 'T' && h[3] == 'P' && h[4] == '/') {
      throw new HttpProtocolException("the server answered in HTTP/1.x, not HTTP/2");
    }
    int len = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
    if (len > MAX_FRAME) {
      throw new HttpProtocolException("a frame of " + len + " bytes, over " + MAX_FRAME);
    }
    int stream = (int) (u32(h, 5) & 0x7fffffffL);
    byte[] payload = in.readNBytes(len);
    if (payload.length < len) {
      throw new HttpProtocolException("the server closed the connection in the middle of a frame");
    }
    return new Frame(h[3] & 0xff, h[4] & 0xff, stream, payload);
  }

  private static byte[] unpad(Frame f) throws HttpProtocolException {
    byte[] p = f.payload();
    if ((f.flags() & PADDED) == 0) {
      return p;
    }
    if (p.length < 1 || (p[0] & 0xff) > p.length - 1) {
      throw new HttpProtocolException("padding longer than its frame");
    }
    return java.util.Arrays.copyOfRange(p, 1, p.length - (p[0] & 0xff));
  }

  /** The request's header block: literals without indexing, no Huffman (RFC 7541 §6.2.2). */
  static byte[] encode(
      String method, String scheme, String authority, String path, List<Header> fields) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    literal(o, ":method", method);
    literal(o, ":scheme", scheme);
    literal(o, ":authority", authority);
    literal(o, ":path", path);
    for (Header h : fields) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (!CONNECTION_FIELDS.contains(name)
          && !(name.equals("te") && !h.value().equalsIgnoreCase("trailers"))) {
        literal(o, name, h.value());
      }
    }
    return o.toByteArray();
  }

  private static void literal(ByteArrayOutputStream o, String name, String value) {
    o.write(0);
    string(o, name.getBytes(StandardCharsets.UTF_8));
    string(o, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void string(ByteArrayOutputStream o, byte[] s) {
    integer(o, 0, 7, s.length);
    o.writeBytes(s);
  }

  static void integer(ByteArrayOutputStream o, int high, int prefix, int value) {
    int max = (1 << prefix) - 1;
    if (value < max) {
      o.write(high | value);
      return;
    }
    o.write(high | max);
    value -= max;
    while (value >= 128) {
      o.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    o.write(value);
  }

  static void frame(ByteArrayOutputStream o, int type, int flags, int stream, byte[] payload) {
    int n = payload.length;
    o.write(n >> 16);
    o.write(n >> 8);
    o.write(n);
    o.write(type);
    o.write(flags);
    o.writeBytes(int32(stream));
    o.writeBytes(payload);
  }

  private static void setting(byte[] b, int at, int id, int value) {
    b[at] = (byte) (id >> 8);
    b[at + 1] = (byte) id;
    System.arraycopy(int32(value), 0, b, at + 2, 4);
  }

  static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24)
        | ((b[at + 1] & 0xffL) << 16)
        | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }

  private static String error(byte[] p, int at) {
    if (p.length < at + 4) {
      return "no error code";
    }
    long code = u32(p, at);
    return code < ERRORS.length ? ERRORS[(int) code] : "error 0x" + Long.toHexString(code);
  }

  private static String debug(byte[] p) {
    if (p.length <= 8) {
      return "";
    }
    String text =
        new String(p, 8, Math.min(p.length - 8, 200), StandardCharsets.ISO_8859_1).strip();
    return text.isEmpty() ? "" : ": " + ResponseReader.shorten(text);
  }
}
