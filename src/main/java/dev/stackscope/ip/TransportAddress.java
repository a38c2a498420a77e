package dev.stackscope.ip;

/** An address and a UDP port; text {@code 192.0.2.1:3478} or {@code [2001:db8::1]:3478}. */
public record TransportAddress(IpAddress address, int port) {
  @Override
  public String toString() {
    return address.version() == 6 ? "[" + address + "]:" + port : address + ":" + port;
  }

  /** Drops a zone id, so addresses seen from the socket and from STUN compare equal. */
  public TransportAddress withoutZone() {
    return new TransportAddress(address.withoutZone(), port);
  }
}
