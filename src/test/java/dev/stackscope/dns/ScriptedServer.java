package dev.stackscope.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on 127.0.0.1 (UDP and TCP on one port) that sends whatever a test scripts: any
 * number of datagrams per UDP query, and over TCP one framed message or a close without an answer
 * (a null from the TCP script).
 */
public final class ScriptedServer implements AutoCloseable {
  private final DatagramSocket udp;
  private final ServerSocket tcp;

  public ScriptedServer(
      Function<Message, List<byte[]>> udpScript, Function<Message, byte[]> tcpScript)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      DatagramSocket u =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ServerSocket t = new ServerSocket();
      try {
        t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), u.getLocalPort()));
      } catch (IOException e) {
        u.close();
        t.close();
        last = e;
        continue;
      }
      udp = u;
      tcp = t;
      start(udpScript, tcpScript);
      return;
    }
    throw last;
  }

  private void start(
      Function<Message, List<byte[]>> udpScript, Function<Message, byte[]> tcpScript) {
    Thread u =
        new Thread(
            () -> {
              byte[] buf = new byte[65535];
              while (!udp.isClosed()) {
                try {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  udp.receive(p);
                  Message q = new Message(Arrays.copyOf(buf, p.getLength()));
                  for (byte[] out : udpScript.apply(q)) {
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                  }
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "scripted-dns-udp");
    u.setDaemon(true);
    u.start();
    Thread t =
        new Thread(
            () -> {
              while (!tcp.isClosed()) {
                try (Socket s = tcp.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  byte[] q = new byte[in.readUnsignedShort()];
                  in.readFully(q);
                  byte[] out = tcpScript.apply(new Message(q));
                  if (out != null) {
                    OutputStream o = s.getOutputStream();
                    o.write(new byte[] {(byte) (out.length >>> 8), (byte) out.length});
                    o.write(out);
                    o.flush();
                  }
                } catch (IOException e) {
                  // closed, or the client went away
                }
              }
            },
            "scripted-dns-tcp");
    t.setDaemon(true);
    t.start();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  /** "127.0.0.1:PORT", as --server takes it. */
  public String server() {
    return "127.0.0.1:" + udp.getLocalPort();
  }

  /** A reply to {@code q}: QR (and AA) set, the question copied, {@code answer} in its section. */
  public static Message reply(Message q, Record... answer) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    if (q.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
      r.getHeader().setFlag(Flags.RA);
    }
    r.addRecord(q.getQuestion(), Section.QUESTION);
    for (Record rec : answer) {
      r.addRecord(rec, Section.ANSWER);
    }
    return r;
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
