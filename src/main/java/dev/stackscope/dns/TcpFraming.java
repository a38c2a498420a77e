package dev.stackscope.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * DNS messages over a stream (TCP, and TLS which frames as TCP does, RFC 7858 §3.3): each message
 * behind its length in two bytes, network order (RFC 1035 §4.2.2). The one place that writes and
 * reads the prefix, for the transports and the warm-up's loopback server.
 */
public final class TcpFraming {
  private TcpFraming() {}

  /** Writes {@code wire} (at most 65535 bytes) behind its length, in one write, and flushes. */
  public static void write(OutputStream out, byte[] wire) throws IOException {
    if (wire.length > 0xffff) {
      throw new IOException("a DNS message longer than 65535 bytes cannot be framed");
    }
    byte[] framed = new byte[wire.length + 2];
    framed[0] = (byte) (wire.length >>> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, wire.length);
    out.write(framed);
    out.flush();
  }

  /**
   * Reads one message: its length, then that many bytes. An {@link java.io.EOFException} when the
   * stream ends first (the peer closed the connection).
   */
  public static byte[] read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] message = new byte[data.readUnsignedShort()];
    data.readFully(message);
    return message;
  }
}
