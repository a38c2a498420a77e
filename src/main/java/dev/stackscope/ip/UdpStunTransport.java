package dev.stackscope.ip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A real UDP socket, bound to the local address the system would use to reach the server. */
public final class UdpStunTransport implements StunTransport {
  private final DatagramSocket socket;
  private final TransportAddress local;
  private final byte[] buffer = new byte[2048];

  private UdpStunTransport(DatagramSocket socket) {
    this.socket = socket;
    this.local = of((InetSocketAddress) socket.getLocalSocketAddress());
  }

  /**
   * Binds a socket on the source address the routing table picks for {@code server} (found by
   * connecting a throw-away UDP socket, which sends nothing), so that the local address is known
   * exactly and can be compared with the mapped address.
   */
  public static UdpStunTransport towards(TransportAddress server) throws IOException {
    InetAddress target = InetAddress.getByAddress(server.address().withoutZone().toBytes());
    InetAddress source;
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(target, server.port()));
      source = probe.getLocalAddress();
    }
    if (source == null || source.isAnyLocalAddress()) {
      throw new IOException("no route to " + server);
    }
    return new UdpStunTransport(new DatagramSocket(new InetSocketAddress(source, 0)));
  }

  @Override
  public TransportAddress local() {
    return local;
  }

  @Override
  public void send(byte[] data, TransportAddress to) throws IOException {
    InetAddress a = InetAddress.getByAddress(to.address().withoutZone().toBytes());
    socket.send(new DatagramPacket(data, data.length, a, to.port()));
  }

  @Override
  public Datagram receive(Duration timeout) throws IOException {
    long ms = Math.max(1, timeout.toMillis());
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      return null;
    }
    byte[] copy = new byte[p.getLength()];
    System.arraycopy(p.getData(), p.getOffset(), copy, 0, p.getLength());
    return new Datagram(copy, copy.length, of((InetSocketAddress) p.getSocketAddress()));
  }

  private static TransportAddress of(InetSocketAddress s) {
    return new TransportAddress(IpAddress.fromBytes(s.getAddress().getAddress()), s.getPort());
  }

  @Override
  public void close() {
    socket.close();
  }
}
