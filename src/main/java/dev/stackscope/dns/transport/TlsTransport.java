package dev.stackscope.dns.transport;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.TcpFraming;
import dev.stackscope.http.TlsInspector;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.xbill.DNS.Message;

/**
 * DNS over TLS (RFC 7858): a TCP connection per server, the handshake made by {@link TlsInspector}
 * (ALPN "dot"), then queries framed as over TCP. A connection is kept for the next query to the
 * same server in this run (RFC 7858 §3.4), and opened again once if the server closed it meanwhile.
 * The certificate must verify and name the server (its address, or {@link TlsTrust#serverName()})
 * unless {@link TlsTrust#insecure()}.
 */
public final class TlsTransport implements DnsTransport, AutoCloseable {
  private static final List<String> ALPN = List.of("dot");

  private final TlsTrust trust;
  private final Clock clock;
  private final LongSupplier nanoClock;
  private final Map<InetSocketAddress, Connection> open = new HashMap<>();

  public TlsTransport(TlsTrust trust, Clock clock, LongSupplier nanoClock) {
    this.trust = trust;
    this.clock = clock;
    this.nanoClock = nanoClock;
  }

  private static final class Connection {
    Socket socket;
    TlsSession session;
  }

  @Override
  public Exchange exchange(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
      throws IOException {
    Connection c;
    synchronized (open) {
      c = open.computeIfAbsent(server, s -> new Connection());
    }
    synchronized (c) {
      boolean reused = c.socket != null && !c.socket.isClosed();
      if (reused) {
        try {
          return ask(c, query, server, timeout, true);
        } catch (SocketTimeoutException e) {
          throw e;
        } catch (IOException e) {
          closeQuietly(c); // the server closed an idle connection: one fresh try
        }
      }
      connect(c, server, timeout);
      return ask(c, query, server, timeout, false);
    }
  }

  private void connect(Connection c, InetSocketAddress server, Duration timeout)
      throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    Socket plain = java.nio.channels.SocketChannel.open().socket();
    try {
      plain.connect(server, millis);
      plain.setSoTimeout(millis);
      // the query follows the handshake's last flight at once: without this, Nagle holds it until
      // the server's delayed ACK of the Finished message (40 ms on Linux)
      plain.setTcpNoDelay(true);
      String host =
          trust.serverName() != null ? trust.serverName() : server.getAddress().getHostAddress();
      long start = nanoClock.getAsLong();
      TlsInspector.Handshake hs;
      try {
        hs = trust.anchors().handshake(plain, host, server.getPort(), ALPN, clock.instant());
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
      c.socket = hs.socket();
      c.session =
          new TlsSession(
              ep.protocol(),
              ep.cipherSuite(),
              ep.alpn(),
              ms,
              false,
              ep.verified(),
              ep.problem() == null ? null : ep.problem().toString(),
              null,
              null);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private Exchange ask(
      Connection c, Message query, InetSocketAddress server, Duration timeout, boolean reused)
      throws IOException {
    byte[] wire = query.toWire();
    long start = nanoClock.getAsLong();
    c.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    TcpFraming.write(c.socket.getOutputStream(), wire);
    byte[] buffer;
    try {
      buffer = TcpFraming.read(c.socket.getInputStream());
    } catch (EOFException e) {
      throw new IOException("server closed the TLS connection before answering", e);
    }
    long end = nanoClock.getAsLong();
    Message reply = SocketTransport.parseMatching(query, buffer, buffer.length);
    if (reply == null) {
      throw new IOException(
          "reply over TLS did not match the query (ID or question differ, or not a reply)");
    }
    TlsSession s = c.session;
    TlsSession shown =
        reused
            ? new TlsSession(
                s.version(),
                s.cipherSuite(),
                s.alpn(),
                null,
                true,
                s.verified(),
                s.problem(),
                null,
                null)
            : s;
    return new Exchange(server, Protocol.TLS, reply, (end - start) / 1e6, buffer.length, shown);
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c.socket != null) {
        c.socket.close();
      }
    } catch (IOException e) {
      // closing a broken connection: nothing to report
    }
    c.socket = null;
  }

  @Override
  public void close() {
    synchronized (open) {
      for (Connection c : open.values()) {
        synchronized (c) {
          closeQuietly(c);
        }
      }
      open.clear();
    }
  }
}
