package dev.stackscope.dns;

import dev.stackscope.dns.transport.TlsSession;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;

/**
 * One reply to one query: the parsed message, how long it took and its size on the wire; {@code
 * tls}, the encrypted channel it came over (DoT, DoH), null for plain UDP and TCP.
 */
public record Exchange(
    InetSocketAddress server,
    Protocol protocol,
    Message reply,
    double rttMs,
    int bytes,
    TlsSession tls) {
  public Exchange(
      InetSocketAddress server, Protocol protocol, Message reply, double rttMs, int bytes) {
    this(server, protocol, reply, rttMs, bytes, null);
  }
}
