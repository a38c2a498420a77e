package dev.stackscope.dns.check;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.Queries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Sends the check's queries: one try each (a server that needs a second try is worth a finding),
 * over UDP with a retry over TCP when the reply is truncated, and never more than {@link
 * #MAX_QUERIES} in one check.
 */
final class Asker {
  /** A check of 32 server addresses asks each about a dozen questions: far below this. */
  static final int MAX_QUERIES = 2000;

  private final DnsTransport transport;
  private final Duration timeout;
  private final AtomicInteger sent = new AtomicInteger();

  Asker(DnsTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  /** One query's outcome: the reply, or why there was none. */
  record Answer(InetSocketAddress server, Message reply, Failure failure, double rttMs) {
    boolean replied() {
      return reply != null;
    }
  }

  /** Why a query has no reply. */
  enum Failure {
    TIMEOUT,
    UNREACHABLE,
    /** The reply could not be parsed. */
    MALFORMED,
    /** The check's query limit was reached. */
    LIMIT
  }

  int queries() {
    return sent.get();
  }

  Answer ask(
      InetSocketAddress server,
      Name name,
      int type,
      boolean recursion,
      boolean dnssec,
      Protocol protocol,
      boolean tcpFallback) {
    Message query = Queries.build(name, type, recursion, dnssec);
    Answer a = send(query, server, protocol);
    if (tcpFallback
        && protocol == Protocol.UDP
        && a.replied()
        && a.reply().getHeader().getFlag(Flags.TC)) {
      return send(Queries.build(name, type, recursion, dnssec), server, Protocol.TCP);
    }
    return a;
  }

  Answer ask(InetSocketAddress server, Name name, int type, boolean dnssec) {
    return ask(server, name, type, false, dnssec, Protocol.UDP, true);
  }

  private Answer send(Message query, InetSocketAddress server, Protocol protocol) {
    if (sent.incrementAndGet() > MAX_QUERIES) {
      return new Answer(server, null, Failure.LIMIT, 0);
    }
    try {
      Exchange e = transport.exchange(query, server, protocol, timeout);
      return new Answer(server, e.reply(), null, e.rttMs());
    } catch (SocketTimeoutException e) {
      return new Answer(server, null, Failure.TIMEOUT, 0);
    } catch (org.xbill.DNS.WireParseException e) {
      return new Answer(server, null, Failure.MALFORMED, 0);
    } catch (IOException | RuntimeException e) {
      // a refused TCP connection, an unreachable network, a closed socket
      return new Answer(server, null, Failure.UNREACHABLE, 0);
    }
  }
}
