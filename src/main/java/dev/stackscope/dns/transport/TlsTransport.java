package dev.stackscope.dns.transport;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.TcpFraming;
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
import org.xbill.DNS.Message;

/**
 * DNS over TLS (RFC 7858): a TCP connection per server, the handshake made by {@link TlsConnector}
 * (ALPN "dot"), then queries framed as over TCP. A connection is kept for the next query to the
 * same server in this run (RFC 7858 §3.4), and opened again once if the server closed it meanwhile.
 * The certificate must verify and name the server (its address, or {@link TlsTrust#serverName()})
 * unless {@link TlsTrust#insecure()}.
 */
public final class TlsTransport implements DnsTransport, AutoCloseable {
  private static final List<String> ALPN = List.of("dot");

  private final TlsTrust trust;
  private final TlsConnector connector;
  private final LongSupplier nanoClock;
  private final Map<InetSocketAddress, Connection> open = new HashMap<>();

  public TlsTransport(TlsTrust trust, Clock clock, LongSupplier nanoClock) {
    this.trust = trust;
    this.connector = new TlsConnector(trust, clock, nanoClock);
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
    String host =
        trust.serverName() != null ? trust.serverName() : server.getAddress().getHostAddress();
    TlsConnector.Opened opened = connector.open(server, host, ALPN, timeout);
    c.socket = opened.socket();
    c.session = opened.session();
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
