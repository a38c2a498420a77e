package dev.stackscope.dns.transport;

import dev.stackscope.http.TlsInspector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Opens the TLS connection of an encrypted DNS transport (DoT, DoH): TCP to the server, the
 * handshake made by {@link TlsInspector} offering the transport's ALPN, the verdict on the
 * certificate kept for the report — and the connection refused when it does not verify, unless
 * {@link TlsTrust#insecure()}.
 */
final class TlsConnector {
  private final TlsTrust trust;
  private final Clock clock;
  private final LongSupplier nanoClock;

  TlsConnector(TlsTrust trust, Clock clock, LongSupplier nanoClock) {
    this.trust = trust;
    this.clock = clock;
    this.nanoClock = nanoClock;
  }

  /** An open connection and what its handshake showed (url and method left null). */
  record Opened(Socket socket, TlsSession session) {}

  /**
   * Connects to {@code server} and makes the handshake for {@code host} (a name, or an address
   * literal without brackets), within {@code timeout} for each step.
   */
  Opened open(InetSocketAddress server, String host, List<String> alpn, Duration timeout)
      throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    Socket plain = java.nio.channels.SocketChannel.open().socket();
    try {
      plain.connect(server, millis);
      plain.setSoTimeout(millis);
      // the query follows the handshake's last flight at once: without this, Nagle holds it until
      // the server's delayed ACK of the Finished message (40 ms on Linux)
      plain.setTcpNoDelay(true);
      long start = nanoClock.getAsLong();
      TlsInspector.Handshake hs;
      try {
        hs = trust.anchors().handshake(plain, host, server.getPort(), alpn, clock.instant());
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException("the TLS handshake timed out after " + millis + " ms");
      } catch (SSLException e) {
        throw new IOException("TLS handshake failed: " + e.getMessage(), e);
      }
      double ms = (nanoClock.getAsLong() - start) / 1e6;
      var ep = hs.endpoint();
      if (!ep.verified() && !trust.insecure()) {
        hs.socket().close();
        throw new IOException(
            "the server's certificate does not verify for "
                + host
                + ": "
                + ep.problem()
                + "; --cacert FILE trusts its CA, --insecure goes on anyway");
      }
      return new Opened(
          hs.socket(),
          new TlsSession(
              ep.protocol(),
              ep.cipherSuite(),
              ep.alpn(),
              ms,
              false,
              ep.verified(),
              ep.problem() == null ? null : ep.problem().toString(),
              null,
              null));
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }
}
