package dev.stackscope.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.xbill.DNS.Message;

/**
 * Sends one query to one server and returns the matching reply. The network lives behind this
 * interface so that the resolvers can be driven by test servers or by the real thing.
 */
public interface DnsTransport {
  /**
   * @throws SocketTimeoutException when no matching reply came within {@code timeout}
   * @throws IOException when the server could not be reached or the reply could not be parsed
   */
  Exchange exchange(Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
      throws IOException;
}
