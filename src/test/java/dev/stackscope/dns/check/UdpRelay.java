package dev.stackscope.dns.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A server that answers over UDP only: every datagram to {@code listen} is passed to {@code target}
 * and the reply passed back, each after {@code delayMs}. Nothing listens on TCP.
 */
final class UdpRelay implements AutoCloseable {
  private final DatagramSocket socket;

  UdpRelay(InetSocketAddress listen, InetSocketAddress target, long delayMs) throws IOException {
    socket = new DatagramSocket(listen);
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[65535];
              while (!socket.isClosed()) {
                try {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  socket.receive(p);
                  byte[] query = java.util.Arrays.copyOf(buf, p.getLength());
                  SocketAddress client = p.getSocketAddress();
                  Thread r =
                      new Thread(() -> relay(query, client, target, delayMs), "udp-relay-query");
                  r.setDaemon(true);
                  r.start();
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "udp-relay");
    t.setDaemon(true);
    t.start();
  }

  private void relay(byte[] query, SocketAddress client, InetSocketAddress target, long delayMs) {
    try (DatagramSocket upstream = new DatagramSocket()) {
      upstream.setSoTimeout(2000);
      upstream.send(new DatagramPacket(query, query.length, target));
      byte[] buf = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      upstream.receive(reply);
      if (delayMs > 0) {
        Thread.sleep(delayMs);
      }
      socket.send(new DatagramPacket(buf, reply.getLength(), client));
    } catch (IOException e) {
      // no reply from the target: the client times out, as it would
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
