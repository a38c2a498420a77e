package dev.stackscope.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Listening TCP sockets from the kernel's sock_diag netlink interface (what {@code ss} uses),
 * through libc with JNA. Asked for listeners only, the kernel walks just its listening table;
 * {@code /proc/net/tcp} and {@code tcp6} walk the whole established table each, one bucket at a
 * time (262,144 buckets on a 2-core VM with 24 GiB: ~1.3 ms per file even with no connection).
 *
 * <p>Loading JNA costs a fresh JVM far more than it saves, so an instance starts off and only a
 * long-lived process (the warm server, the shell, a live view) turns it on, with {@link #enable()};
 * while it is off {@link ProcSocketSource} reads {@code /proc/net}. Each run holds its own instance
 * (its own buffers; one query at a time per instance), so concurrent runs in the warm server share
 * no netlink state. Both the inet_diag (TCP listeners) and the unix_diag ({@link UnixDiag}) dumps
 * go through {@link #dump}. Parsing ({@link #parse}) is pure and tested with hand-made messages;
 * the live reader is compared with {@code /proc/net/tcp}.
 */
public final class TcpDiag {
  // <linux/netlink.h>, <linux/sock_diag.h>, <linux/inet_diag.h>
  private static final int AF_NETLINK = 16;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 0x1;
  private static final int NLM_F_DUMP = 0x300;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int IPPROTO_TCP = 6;
  private static final int TCP_LISTEN = 10;
  private static final int HEADER = 16; // struct nlmsghdr
  private static final int MESSAGE = 72; // struct inet_diag_msg
  private static final int REQUEST = HEADER + 56; // + struct inet_diag_req_v2
  private static final int BUFFER = 64 * 1024;

  /** libc through JNA's direct mapping (no proxy, no varargs). */
  private static final class Libc {
    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native long send(int fd, ByteBuffer buf, long len, int flags) throws LastErrorException;

    static native long recv(int fd, ByteBuffer buf, long len, int flags) throws LastErrorException;

    static native int close(int fd);

    static {
      Native.register("c");
    }
  }

  private ByteBuffer buffer;
  private ByteBuffer request;
  private int sequence;
  private volatile boolean on;

  /** An instance that is off: listeners come from {@code /proc/net} until {@link #enable()}. */
  public TcpDiag() {}

  /**
   * An instance that is on without asking the kernel first: for a process in which another
   * instance's {@link #enable()} has succeeded (JNA is loaded and the kernel answers).
   */
  public static TcpDiag on() {
    TcpDiag diag = new TcpDiag();
    diag.on = true; // the buffers come with the first query: most runs never make one
    return diag;
  }

  private void allocate() {
    if (buffer != null) {
      return;
    }
    buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.nativeOrder());
    // room for any request: inet_diag's 72 bytes, unix_diag's 40
    request = ByteBuffer.allocateDirect(128).order(ByteOrder.nativeOrder());
  }

  /**
   * Loads JNA and libc and checks that the kernel answers (false when it does not: no netlink in
   * this sandbox, say; {@code /proc/net} is then used). Idempotent; for long-lived processes and
   * for the commands that have no other source ({@code ports --unix}).
   */
  public synchronized boolean enable() {
    if (on) {
      return true;
    }
    try {
      if (query(4).isPresent()) {
        on = true;
        return true;
      }
    } catch (LinkageError | RuntimeException e) {
      // no JNA or no libc here: /proc/net it is
    }
    return false;
  }

  /**
   * {@link #enable()} in a background daemon thread: for a process that will live long enough to
   * gain from it (the shell, a live view) without making its first screen wait for JNA.
   */
  public void enableInBackground() {
    if (on) {
      return;
    }
    Thread t = new Thread(this::enable, "stackscope-netlink");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Whether listeners come from netlink (an {@link #enable()} has succeeded). */
  public boolean enabled() {
    return on;
  }

  /**
   * The listening TCP sockets of one IP version (4 or 6), or empty when the kernel could not be
   * asked or this instance is off (the caller then reads {@code /proc/net}). One query at a time
   * per instance.
   */
  Optional<List<SocketEntry>> listeners(int ipVersion) {
    if (!on) {
      return Optional.empty(); // no wait for an enable() in progress (JNA loading)
    }
    return query(ipVersion);
  }

  private Optional<List<SocketEntry>> query(int ipVersion) {
    List<SocketEntry> sockets = new java.util.ArrayList<>();
    boolean answered =
        dump(
            new InetRequest(ipVersion == 6 ? AF_INET6 : AF_INET, 1 << TCP_LISTEN),
            new EntrySink(sockets));
    return answered ? Optional.of(sockets) : Optional.empty();
  }

  /** A sock_diag dump request: the whole message, nlmsghdr included, for sequence {@code seq}. */
  interface Request {
    /** Writes the request from offset 0 of {@code b} and returns its length. */
    int write(ByteBuffer b, int seq);
  }

  /** What a dump's answer goes to, one SOCK_DIAG_BY_FAMILY message at a time. */
  interface Sink {
    /** The message's size at least, header included; a shorter one fails the dump. */
    int minimumSize();

    /** One message: its body (after the nlmsghdr) is {@code b[at, at + size)}. */
    void message(ByteBuffer b, int at, int size);
  }

  private static final class InetRequest implements Request {
    private final int family;
    private final int states;

    InetRequest(int family, int states) {
      this.family = family;
      this.states = states;
    }

    @Override
    public int write(ByteBuffer b, int seq) {
      writeRequest(b, family, states, seq);
      return REQUEST;
    }
  }

  /**
   * A sink of inet_diag_msg answers: each message read as a socket entry (unknown ones skipped).
   */
  private abstract static class InetSink implements Sink {
    @Override
    public int minimumSize() {
      return HEADER + MESSAGE;
    }

    @Override
    public void message(ByteBuffer b, int at, int size) {
      SocketEntry s = entry(b, at);
      if (s != null) {
        accept(s, b, at);
      }
    }

    /** One socket, its message at {@code b[at...]} for the fields an entry does not hold. */
    abstract void accept(SocketEntry s, ByteBuffer b, int at);
  }

  private static final class EntrySink extends InetSink {
    private final List<SocketEntry> into;

    EntrySink(List<SocketEntry> into) {
      this.into = into;
    }

    @Override
    void accept(SocketEntry s, ByteBuffer b, int at) {
      into.add(s);
    }
  }

  /**
   * One sock_diag dump over a fresh netlink socket: the request, then every datagram of the answer
   * through {@link #parse(ByteBuffer, int, int, Sink)} until the dump's end. False when the kernel
   * could not be asked, said no, or answered with malformed messages.
   */
  synchronized boolean dump(Request req, Sink sink) {
    allocate();
    int fd;
    try {
      fd = Libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    } catch (LastErrorException e) {
      return false;
    }
    try {
      int seq = ++sequence;
      int length = req.write(request, seq);
      if (Libc.send(fd, request, length, 0) != length) {
        return false;
      }
      while (true) {
        long n = Libc.recv(fd, buffer, BUFFER, 0);
        if (n <= 0) {
          return false;
        }
        int status = parse(buffer, (int) n, seq, sink);
        if (status == DONE) {
          return true;
        }
        if (status != MORE) {
          return false; // the kernel's error: let /proc/net say it, if anything
        }
      }
    } catch (LastErrorException e) {
      return false;
    } finally {
      Libc.close(fd);
    }
  }

  /** A dump request: one nlmsghdr and one inet_diag_req_v2 for TCP in {@code states}. */
  static void writeRequest(ByteBuffer b, int family, int states, int seq) {
    writeHeader(b, REQUEST, seq);
    b.put(16, (byte) family);
    b.put(17, (byte) IPPROTO_TCP);
    b.put(18, (byte) 0); // no extensions
    b.put(19, (byte) 0);
    b.putInt(20, states);
    for (int i = 24; i < REQUEST; i++) {
      b.put(i, (byte) 0); // the socket id: any
    }
  }

  /** The nlmsghdr of a sock_diag dump request of {@code length} bytes, header included. */
  static void writeHeader(ByteBuffer b, int length, int seq) {
    b.clear();
    b.putInt(0, length);
    b.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
    b.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
    b.putInt(8, seq);
    b.putInt(12, 0);
  }

  /** {@link #parse}'s outcome: the dump's end was reached. */
  static final int DONE = 0;

  /** {@link #parse}'s outcome: more messages follow in the next datagram. */
  static final int MORE = 1;

  /** {@link #parse}'s outcome: the kernel said no, or the messages were malformed. */
  static final int FAILED = 2;

  /**
   * Adds the sockets in one datagram of the dump's answer ({@code length} bytes from the start of
   * {@code b}, host byte order; ports and addresses in network order) to {@code into}. Messages of
   * another sequence number are skipped.
   */
  static int parse(ByteBuffer b, int length, int seq, List<SocketEntry> into) {
    return parse(b, length, seq, new EntrySink(into));
  }

  /**
   * The framing of one datagram of a dump's answer: hands each SOCK_DIAG_BY_FAMILY message of
   * sequence {@code seq} to {@code sink}; DONE at NLMSG_DONE, FAILED at an error or a malformed
   * message, MORE when the datagram ends first.
   */
  static int parse(ByteBuffer b, int length, int seq, Sink sink) {
    int at = 0;
    while (at + HEADER <= length) {
      int size = b.getInt(at);
      int type = b.getShort(at + 4) & 0xffff;
      // size > length - at, not at + size > length: a huge size must not overflow into a
      // negative offset (found by ProcNetFuzzTest#netlink)
      if (size < HEADER || size > length - at) {
        return FAILED;
      }
      if (b.getInt(at + 8) == seq) {
        if (type == NLMSG_DONE) {
          return DONE;
        }
        if (type == NLMSG_ERROR) {
          return FAILED;
        }
        if (type == SOCK_DIAG_BY_FAMILY) {
          if (size < sink.minimumSize()) {
            return FAILED;
          }
          sink.message(b, at + HEADER, size - HEADER);
        }
      }
      at += (size + 3) & ~3; // NLMSG_ALIGN
    }
    return MORE;
  }

  /** One struct inet_diag_msg, or null for a family other than IPv4 and IPv6. */
  private static SocketEntry entry(ByteBuffer b, int at) {
    int family = b.get(at) & 0xff;
    int ipVersion = family == AF_INET ? 4 : family == AF_INET6 ? 6 : 0;
    if (ipVersion == 0) {
      return null;
    }
    int state = b.get(at + 1) & 0xff;
    int localPort = (b.get(at + 4) & 0xff) << 8 | (b.get(at + 5) & 0xff); // network order
    int remotePort = (b.get(at + 6) & 0xff) << 8 | (b.get(at + 7) & 0xff);
    InetAddress local = address(b, at + 8, ipVersion);
    InetAddress remote = address(b, at + 24, ipVersion);
    int uid = b.getInt(at + 64); // after expires, rqueue, wqueue
    long inode = Integer.toUnsignedLong(b.getInt(at + 68));
    boolean noPeer = remotePort == 0 && remote.isAnyLocalAddress();
    return new SocketEntry(
        Protocol.TCP,
        ipVersion,
        local,
        localPort,
        noPeer ? null : remote,
        noPeer ? null : remotePort,
        SocketState.fromKernelCode(state, Protocol.TCP),
        List.of(),
        null,
        Reach.of(local),
        uid,
        inode);
  }

  private static InetAddress address(ByteBuffer b, int at, int ipVersion) {
    byte[] bytes = new byte[ipVersion == 4 ? 4 : 16];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = b.get(at + i);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
    }
  }

  /**
   * The accept queues of the listening TCP sockets of one IP version (4 or 6): {@code idiag_rqueue}
   * (connections completed, waiting for accept()) and {@code idiag_wqueue} (the backlog listen()
   * was given, capped by somaxconn), as ss shows them in Recv-Q / Send-Q; empty when this instance
   * is off or the kernel could not be asked.
   */
  public Optional<List<ListenQueue>> listenQueues(int ipVersion) {
    if (!on) {
      return Optional.empty();
    }
    List<ListenQueue> queues = new java.util.ArrayList<>();
    boolean answered =
        dump(
            new InetRequest(ipVersion == 6 ? AF_INET6 : AF_INET, 1 << TCP_LISTEN),
            new QueueSink(queues));
    return answered ? Optional.of(queues) : Optional.empty();
  }

  /** One listener's queue per inet_diag_msg (rqueue at 56, wqueue at 60, inode at 68). */
  static final class QueueSink extends InetSink {
    private final List<ListenQueue> into;

    QueueSink(List<ListenQueue> into) {
      this.into = into;
    }

    @Override
    void accept(SocketEntry s, ByteBuffer b, int at) {
      if (!s.isListening()) {
        return;
      }
      into.add(
          new ListenQueue(
              s.ipVersion(),
              s.localAddress(),
              s.localPort(),
              s.inode(),
              Math.max(0, b.getInt(at + 56)),
              Math.max(0, b.getInt(at + 60))));
    }
  }
}
