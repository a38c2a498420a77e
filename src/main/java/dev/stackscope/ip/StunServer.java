package dev.stackscope.ip;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A {@code HOST[:PORT]} STUN server argument ({@code [v6]:port} for IPv6 with a port). */
public record StunServer(String host, int port) {
  public static final int DEFAULT_PORT = 3478;

  /** Parses the argument; throws {@link InvalidAddressException} with the reason. */
  public static StunServer parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidAddressException("empty STUN server");
    }
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new InvalidAddressException("missing ']' in " + s);
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new InvalidAddressException("expected ':PORT' after ']' in " + s);
        }
        port = rest.substring(1);
      }
    } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') >= 0) {
      host = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      throw new InvalidAddressException("empty host in " + s);
    }
    int p = DEFAULT_PORT;
    if (port != null) {
      if (port.isEmpty()
          || port.length() > 5
          || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new InvalidAddressException("invalid port '" + port + "'");
      }
      p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new InvalidAddressException("port " + p + " is not in 1-65535");
      }
    }
    return new StunServer(host, p);
  }

  /** Whether the host is an address literal (no lookup needed). */
  public boolean literal() {
    try {
      AddressParser.parse(host);
      return true;
    } catch (InvalidAddressException e) {
      return false;
    }
  }

  /**
   * The server's transport address: a literal as is; a name resolved (the user asked to contact
   * that server by name), IPv4 preferred.
   */
  public TransportAddress resolve() throws IOException {
    if (literal()) {
      return new TransportAddress(AddressParser.parse(host), port);
    }
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IOException("cannot resolve STUN server " + host);
    }
    InetAddress pick = all[0];
    for (InetAddress a : all) {
      if (a instanceof Inet4Address) {
        pick = a;
        break;
      }
    }
    return new TransportAddress(IpAddress.fromBytes(pick.getAddress()), port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
