package dev.stackscope.dns.transport;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.http.Header;
import dev.stackscope.http.Http2Exchange;
import dev.stackscope.http.ResponseHead;
import dev.stackscope.http.ResponseReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.xbill.DNS.Message;

/**
 * DNS over HTTPS (RFC 8484): each query is an HTTP request to the URL (POST with the message as the
 * body, or GET with it in {@code ?dns=}), ID 0 (§4.1: cache-friendly), the reply the body of a 200
 * response of type application/dns-message. The connection is stackscope's own: TLS by {@link
 * TlsConnector} offering "h2" and "http/1.1", then HTTP/2 ({@link Http2Exchange}, one stream per
 * query) or, when the server chooses it, HTTP/1.1 with keep-alive. One connection serves the run's
 * queries, so those after the first skip the handshake; a connection the server closed meanwhile is
 * opened again once. The URL's host is where the client connects: an address is used as it is, a
 * name is looked up by the system's resolver (as curl does).
 */
public final class HttpsTransport implements DnsTransport, AutoCloseable {
  /** The largest DNS message (RFC 8484 §6 defers to RFC 1035's 65535 over TCP). */
  private static final int MAX_MESSAGE = 65535;

  private static final String TYPE = "application/dns-message";
  private static final List<String> ALPN = List.of("h2", "http/1.1");

  private final URI url;
  private final String shown;
  private final boolean get;
  private final TlsConnector connector;
  private final LongSupplier nanoClock;
  private final String host;
  private final String authority;
  private final String path;
  private Connection connection;

  /** The run's connection: its socket, what its handshake showed, and its HTTP/2 state. */
  private static final class Connection {
    final Socket socket;
    final TlsSession session;
    final InputStream in;
    final OutputStream out;
    final Http2Exchange h2;
    boolean open = true;

    Connection(Socket socket, TlsSession session) throws IOException {
      this.socket = socket;
      this.session = session;
      this.in = new BufferedInputStream(socket.getInputStream(), 16384);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
      this.h2 = "h2".equals(session.alpn()) ? new Http2Exchange(in, out) : null;
    }

    boolean usable() {
      return open && !socket.isClosed() && (h2 == null || h2.open());
    }
  }

  /** A reply as the HTTP layer delivered it. */
  private record Reply(int status, String type, byte[] body, boolean complete, boolean keepAlive) {}

  /**
   * @param url an https URL (checked by the caller)
   * @param shown the URL as the replies report it (the caller masks its secrets)
   * @param get GET instead of POST
   */
  public HttpsTransport(
      URI url, String shown, boolean get, TlsTrust trust, Clock clock, LongSupplier nanoClock) {
    this.url = url;
    this.shown = shown;
    this.get = get;
    this.nanoClock = nanoClock;
    this.host = trust.serverName() != null ? trust.serverName() : bare(url.getHost());
    this.authority = url.getRawAuthority();
    String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.path = url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
    this.connector = new TlsConnector(trust, clock, nanoClock);
  }

  private static String bare(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Where the queries go: the URL's host (an address literal, or the name looked up) and port. */
  public InetSocketAddress endpoint() throws IOException {
    int port = url.getPort() < 0 ? 443 : url.getPort();
    return new InetSocketAddress(InetAddress.getByName(bare(url.getHost())), port);
  }

  @Override
  public synchronized Exchange exchange(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
      throws IOException {
    query.getHeader().setID(0);
    byte[] wire = query.toWire();
    Connection c = connection;
    if (c != null && c.usable()) {
      try {
        return ask(c, query, wire, server, timeout, true);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        close(); // the server closed an idle connection, or refused a new stream: one fresh try
      }
    } else if (c != null) {
      close();
    }
    TlsConnector.Opened opened = connector.open(server, host, ALPN, timeout);
    try {
      connection = new Connection(opened.socket(), opened.session());
    } catch (IOException e) {
      opened.socket().close();
      throw e;
    }
    return ask(connection, query, wire, server, timeout, false);
  }

  private Exchange ask(
      Connection c,
      Message query,
      byte[] wire,
      InetSocketAddress server,
      Duration timeout,
      boolean reused)
      throws IOException {
    c.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    long start = nanoClock.getAsLong();
    Reply r;
    try {
      r = c.h2 != null ? ask2(c, wire) : ask1(c, wire);
    } catch (IOException e) {
      c.open = false;
      throw e;
    }
    long end = nanoClock.getAsLong();
    c.open = r.keepAlive();
    if (r.status() != 200) {
      throw new IOException("the DoH server answered HTTP " + r.status());
    }
    if (!r.type().toLowerCase(Locale.ROOT).startsWith(TYPE)) {
      throw new IOException("the DoH server's reply is not " + TYPE);
    }
    if (r.body().length > MAX_MESSAGE) {
      throw new IOException("the DoH server's reply is longer than " + MAX_MESSAGE + " bytes");
    }
    if (!r.complete()) {
      throw new IOException("the DoH server's reply ended early");
    }
    Message reply = SocketTransport.parseMatching(query, r.body(), r.body().length);
    if (reply == null) {
      throw new IOException("reply over HTTPS did not match the query (question differs)");
    }
    TlsSession s = c.session;
    TlsSession reported =
        new TlsSession(
            s.version(),
            s.cipherSuite(),
            c.h2 != null ? "h2" : "http/1.1",
            reused ? null : s.handshakeMs(),
            reused,
            s.verified(),
            s.problem(),
            shown,
            get ? "GET" : "POST");
    return new Exchange(
        server, Protocol.HTTPS, reply, (end - start) / 1e6, r.body().length, reported);
  }

  /** The target of a GET: the message in the dns parameter, base64url without padding. */
  private String getTarget(byte[] wire) {
    String dns = Base64.getUrlEncoder().withoutPadding().encodeToString(wire);
    return path + (path.indexOf('?') < 0 ? "?" : "&") + "dns=" + dns;
  }

  private Reply ask2(Connection c, byte[] wire) throws IOException {
    List<Header> fields =
        get
            ? List.of(new Header("accept", TYPE))
            : List.of(
                new Header("accept", TYPE),
                new Header("content-type", TYPE),
                new Header("content-length", Integer.toString(wire.length)));
    Http2Exchange.Exchange x =
        c.h2.request(
            get ? "GET" : "POST",
            "https",
            authority,
            get ? getTarget(wire) : path,
            fields,
            get ? null : wire,
            MAX_MESSAGE + 1);
    return reply(x.head(), x.body(), c.h2.open());
  }

  private Reply ask1(Connection c, byte[] wire) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(get ? "GET " + getTarget(wire) : "POST " + path)
        .append(" HTTP/1.1\r\nhost: ")
        .append(authority)
        .append("\r\naccept: ")
        .append(TYPE)
        .append("\r\n");
    if (!get) {
      head.append("content-type: ")
          .append(TYPE)
          .append("\r\ncontent-length: ")
          .append(wire.length)
          .append("\r\n");
    }
    head.append("\r\n");
    c.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!get) {
      c.out.write(wire);
    }
    c.out.flush();
    ResponseReader reader = new ResponseReader(c.in);
    ResponseHead h = reader.readHead();
    ResponseReader.Body body = reader.readBody(h, get ? "GET" : "POST", MAX_MESSAGE + 1);
    String connection = h.headers().first("connection");
    boolean keep =
        body.complete()
            && !body.truncated()
            && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"));
    return reply(h, body, keep);
  }

  private static Reply reply(ResponseHead head, ResponseReader.Body body, boolean keepAlive) {
    String type = head.headers().first("content-type");
    // a body over the limit keeps MAX_MESSAGE + 1 bytes: ask() names its length first
    return new Reply(
        head.status(), type == null ? "" : type, body.kept(), body.complete(), keepAlive);
  }

  @Override
  public synchronized void close() {
    Connection c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    if (c.h2 != null && c.open) {
      c.h2.goAway();
    }
    try {
      c.socket.close();
    } catch (IOException e) {
      // closing a broken connection: nothing to report
    }
  }
}
