package dev.stackscope.dns.transport;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.xbill.DNS.Message;

/**
 * DNS over HTTPS (RFC 8484): each query is an HTTP/2 request to the URL (POST with the message as
 * the body, or GET with it in {@code ?dns=}), ID 0 (§4.1: cache-friendly), the reply the body of a
 * 200 response of type application/dns-message. One client (one connection) per run, so the queries
 * after the first skip the handshake. The URL's host is where the client connects: an address is
 * used as it is, a name is looked up by the system's resolver (as curl does).
 */
public final class HttpsTransport implements DnsTransport, AutoCloseable {
  /** The largest DNS message (RFC 8484 §6 defers to RFC 1035's 65535 over TCP). */
  private static final int MAX_MESSAGE = 65535;

  private static final String TYPE = "application/dns-message";

  private final URI url;
  private final boolean get;
  private final VerdictTrust verdict;
  private final TimedContext context;
  private final LongSupplier nanoClock;
  private final String host;
  private HttpClient client;
  private TimedEngine lastUsed;

  /**
   * @param url an https URL (checked by the caller)
   * @param get GET instead of POST
   */
  public HttpsTransport(URI url, boolean get, TlsTrust trust, Clock clock, LongSupplier nanoClock)
      throws GeneralSecurityException {
    this.url = url;
    this.get = get;
    this.nanoClock = nanoClock;
    String h = url.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    this.host = trust.serverName() != null ? trust.serverName() : h;
    this.verdict = new VerdictTrust(trust, host, clock);
    this.context = TimedContext.of(verdict, nanoClock);
  }

  /** Where the queries go: the URL's host (an address literal, or the name looked up) and port. */
  public InetSocketAddress endpoint() throws IOException {
    int port = url.getPort() < 0 ? 443 : url.getPort();
    String h = url.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return new InetSocketAddress(InetAddress.getByName(h), port);
  }

  private synchronized HttpClient client(Duration timeout) {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(context)
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .proxy(java.net.ProxySelector.of(null))
              .build();
    }
    return client;
  }

  @Override
  public Exchange exchange(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
      throws IOException {
    query.getHeader().setID(0);
    byte[] wire = query.toWire();
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout).header("accept", TYPE);
    if (get) {
      String dns = Base64.getUrlEncoder().withoutPadding().encodeToString(wire);
      String sep = url.getRawQuery() == null ? "?" : "&";
      request.uri(URI.create(url + sep + "dns=" + dns)).GET();
    } else {
      request
          .uri(url)
          .header("content-type", TYPE)
          .POST(HttpRequest.BodyPublishers.ofByteArray(wire));
    }
    long start = nanoClock.getAsLong();
    HttpResponse<InputStream> response;
    TimedEngine before = context.last();
    try {
      response = client(timeout).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new java.net.SocketTimeoutException("no reply within " + timeout.toMillis() + " ms");
    } catch (SSLException e) {
      throw new IOException(tlsFailure(e), e);
    } catch (IOException e) {
      if (verdict.problem() != null) {
        throw new IOException(tlsFailure(e), e);
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_MESSAGE + 1);
    }
    long end = nanoClock.getAsLong();
    if (response.statusCode() != 200) {
      throw new IOException("the DoH server answered HTTP " + response.statusCode());
    }
    String type = response.headers().firstValue("content-type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith(TYPE)) {
      throw new IOException("the DoH server's reply is not " + TYPE);
    }
    if (body.length > MAX_MESSAGE) {
      throw new IOException("the DoH server's reply is longer than " + MAX_MESSAGE + " bytes");
    }
    Message reply = SocketTransport.parseMatching(query, body, body.length);
    if (reply == null) {
      throw new IOException("reply over HTTPS did not match the query (question differs)");
    }
    TimedEngine engine = context.last();
    boolean reused;
    synchronized (this) {
      reused = engine != null && engine == lastUsed && engine == before;
      lastUsed = engine;
    }
    SSLSession ssl = response.sslSession().orElse(null);
    TlsSession session =
        new TlsSession(
            ssl == null ? null : ssl.getProtocol(),
            ssl == null ? null : ssl.getCipherSuite(),
            response.version() == HttpClient.Version.HTTP_2 ? "h2" : "http/1.1",
            reused || engine == null ? null : engine.handshakeMs(),
            reused,
            verdict.problem() == null,
            verdict.problem() == null ? null : verdict.problem().toString(),
            url.toString(),
            get ? "GET" : "POST");
    return new Exchange(server, Protocol.HTTPS, reply, (end - start) / 1e6, body.length, session);
  }

  private String tlsFailure(IOException e) {
    if (verdict.problem() != null) {
      return "the server's certificate does not verify for "
          + host
          + ": "
          + verdict.problem()
          + "; --cacert FILE trusts its CA, --insecure goes on anyway";
    }
    return "TLS handshake failed: " + e.getMessage();
  }

  @Override
  public void close() {
    // java.net.http's client of Java 17 has no close(): its connection ends with the client
  }
}
