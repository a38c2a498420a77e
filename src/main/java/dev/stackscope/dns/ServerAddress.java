package dev.stackscope.dns;

import dev.stackscope.ip.TransportAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * Parses {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT} into a socket address (port 53 by
 * default).
 */
public final class ServerAddress {
  private ServerAddress() {}

  public static InetSocketAddress parse(String text, int defaultPort) {
    String host = text;
    int port = defaultPort;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new DnsInputException("bad server '" + text + "': missing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new DnsInputException("bad server '" + text + "': expected ':PORT' after ']'");
        }
        port = parsePort(rest.substring(1), text);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = parsePort(text.substring(text.indexOf(':') + 1), text);
    }
    return new InetSocketAddress(literal(host, text), port);
  }

  /** An IPv4 or IPv6 literal, parsed without any lookup. */
  public static InetAddress literal(String host, String context) {
    try {
      return Address.getByAddress(host);
    } catch (UnknownHostException e) {
      throw new DnsInputException("bad address '" + context + "': expected an IP address");
    }
  }

  public static String format(InetSocketAddress address) {
    return TransportAddress.text(address.getAddress(), address.getPort());
  }

  private static int parsePort(String s, String text) {
    try {
      int port = Integer.parseInt(s);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new DnsInputException("bad server '" + text + "': port must be 1-65535");
    }
  }
}
