package dev.stackscope.ip;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/** One local UDP endpoint for a STUN client; tests substitute a fake. */
public interface StunTransport extends Closeable {
  /** A datagram received, and where it came from. */
  record Datagram(byte[] data, int length, TransportAddress from) {}

  /** The local address and port the requests leave from. */
  TransportAddress local();

  void send(byte[] data, TransportAddress to) throws IOException;

  /** The next datagram, or null when none arrives within {@code timeout}. */
  Datagram receive(Duration timeout) throws IOException;

  @Override
  void close();
}
