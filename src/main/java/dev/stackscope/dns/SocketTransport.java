package dev.stackscope.dns;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.WireParseException;

/**
 * The real network: one UDP datagram from a random source port (or one TCP connection) per query. A
 * UDP reply counts only when it comes from the server's address and port and carries the query's ID
 * and question (RFC 5452); anything else is ignored and the wait goes on until the timeout.
 */
public final class SocketTransport implements DnsTransport {
  private static final int MAX_UDP = 65535;
  private static final int PORT_TRIES = 16;

  private final SecureRandom random;
  private final LongSupplier nanoClock;

  public SocketTransport() {
    this(new SecureRandom(), System::nanoTime);
  }

  public SocketTransport(SecureRandom random, LongSupplier nanoClock) {
    this.random = random;
    this.nanoClock = nanoClock;
  }

  @Override
  public Exchange exchange(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout)
      throws IOException {
    return protocol == Protocol.TCP ? tcp(query, server, timeout) : udp(query, server, timeout);
  }

  private Exchange udp(Message query, InetSocketAddress server, Duration timeout)
      throws IOException {
    byte[] wire = query.toWire();
    try (DatagramSocket socket = bindRandomPort(server.getAddress())) {
      long start = nanoClock.getAsLong();
      long deadline = start + timeout.toNanos();
      socket.send(new DatagramPacket(wire, wire.length, server));
      byte[] buffer = new byte[MAX_UDP];
      while (true) {
        long left = deadline - nanoClock.getAsLong();
        if (left <= 0) {
          throw new SocketTimeoutException("no reply within " + timeout.toMillis() + " ms");
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        long end = nanoClock.getAsLong();
        if (!server.equals(packet.getSocketAddress())) {
          continue; // not from the server we asked: spoofed or stray
        }
        Message reply = parseMatching(query, buffer, packet.getLength());
        if (reply != null) {
          return new Exchange(server, Protocol.UDP, reply, (end - start) / 1e6, packet.getLength());
        }
      }
    }
  }

  private Exchange tcp(Message query, InetSocketAddress server, Duration timeout)
      throws IOException {
    byte[] wire = query.toWire();
    long start = nanoClock.getAsLong();
    // A channel's socket, not new Socket(): an interrupt (a warm-server client that went away)
    // closes it and ends a read that would otherwise wait out its whole timeout.
    try (Socket socket = java.nio.channels.SocketChannel.open().socket()) {
      int millis = (int) Math.max(1, timeout.toMillis());
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      TcpFraming.write(socket.getOutputStream(), wire);
      byte[] buffer;
      try {
        buffer = TcpFraming.read(socket.getInputStream());
      } catch (EOFException e) {
        throw new IOException("server closed the TCP connection before answering", e);
      }
      long end = nanoClock.getAsLong();
      Message reply = parseMatching(query, buffer, buffer.length);
      if (reply == null) {
        throw new IOException(
            "reply over TCP did not match the query (ID or question differ, or not a reply)");
      }
      return new Exchange(server, Protocol.TCP, reply, (end - start) / 1e6, buffer.length);
    }
  }

  /**
   * The reply in the first {@code length} bytes of {@code buffer} when it is a reply (QR set) whose
   * ID and question match the query's, else null; throws when it matches but does not parse. The
   * one check every reply goes through, whatever carried it: a test or fuzz transport that turns
   * arbitrary bytes into an {@link Exchange} should call it too.
   */
  public static Message parseMatching(Message query, byte[] buffer, int length)
      throws WireParseException {
    if (length < 12) {
      return null;
    }
    int id = ((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff);
    if (id != query.getHeader().getID() || (buffer[2] & 0x80) == 0) {
      return null; // another query's reply, or not a reply at all (QR=0)
    }
    byte[] copy = new byte[length];
    System.arraycopy(buffer, 0, copy, 0, length);
    Message reply;
    try {
      reply = new Message(copy);
    } catch (IOException | IllegalArgumentException e) {
      // dnsjava refuses some fields with a runtime exception (InvalidTTLException, say)
      throw new WireParseException("malformed reply: " + e.getMessage());
    }
    Record asked = query.getQuestion();
    Record answered = reply.getQuestion();
    if (answered == null
        || !asked.getName().equals(answered.getName())
        || asked.getType() != answered.getType()
        || asked.getDClass() != answered.getDClass()) {
      return null;
    }
    return reply;
  }

  private DatagramSocket bindRandomPort(InetAddress target) throws IOException {
    InetAddress local =
        target instanceof Inet6Address
            ? InetAddress.getByName("::")
            : InetAddress.getByName("0.0.0.0");
    for (int i = 0; i < PORT_TRIES; i++) {
      int port = 1024 + random.nextInt(65536 - 1024);
      try {
        return bind(local, port);
      } catch (BindException taken) {
        // try another random port
      }
    }
    return bind(local, 0); // the kernel's random choice
  }

  /**
   * A datagram channel's socket, not new DatagramSocket(): an interrupt (a warm-server client that
   * went away) closes a channel and ends its blocking receive; a DatagramSocket's is not
   * interruptible and waits out the whole timeout.
   */
  private static DatagramSocket bind(InetAddress local, int port) throws IOException {
    java.nio.channels.DatagramChannel channel =
        java.nio.channels.DatagramChannel.open(
            local instanceof Inet6Address
                ? java.net.StandardProtocolFamily.INET6
                : java.net.StandardProtocolFamily.INET);
    try {
      channel.bind(new InetSocketAddress(local, port));
      return channel.socket();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
