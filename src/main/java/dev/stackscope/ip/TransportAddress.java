package dev.stackscope.ip;

import java.net.InetAddress;

/** An address and a port; text {@code 192.0.2.1:3478} or {@code [2001:db8::1]:3478}. */
public record TransportAddress(IpAddress address, int port) {
  @Override
  public String toString() {
    return address.version() == 6 ? "[" + address + "]:" + port : address + ":" + port;
  }

  /** {@code address:port} of a JDK address, an IPv6 address in brackets, in RFC 5952 text. */
  public static String text(InetAddress address, int port) {
    return new TransportAddress(IpAddress.of(address), port).toString();
  }

  /** Drops a zone id, so addresses seen from the socket and from STUN compare equal. */
  public TransportAddress withoutZone() {
    return new TransportAddress(address.withoutZone(), port);
  }
}
