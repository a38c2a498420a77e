package dev.stackscope.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unix sockets from sock_diag netlink (what {@code ss -x} reads): every socket's inode, type,
 * state, bound name, peer, queues, the socket file's inode and the creator's uid. {@code
 * /proc/net/unix} has no peers, so this is the only source. The socket, the request's framing and
 * the walk over the answer's messages are {@link TcpDiag}'s; this class writes the unix_diag
 * request and reads one {@code struct unix_diag_msg} and its attributes ({@link #parseMessage},
 * pure, fuzzed by {@code UnixDiagFuzzTest}).
 */
public final class UnixDiag implements UnixSocketReader {
  // <linux/unix_diag.h>
  private static final int AF_UNIX = 1;
  private static final int UDIAG_SHOW_NAME = 0x01;
  private static final int UDIAG_SHOW_VFS = 0x02;
  private static final int UDIAG_SHOW_PEER = 0x04;
  private static final int UDIAG_SHOW_RQLEN = 0x10;
  private static final int UDIAG_SHOW_UID = 0x40;
  static final int UNIX_DIAG_NAME = 0;
  static final int UNIX_DIAG_VFS = 1;
  static final int UNIX_DIAG_PEER = 2;
  static final int UNIX_DIAG_RQLEN = 4;
  static final int UNIX_DIAG_UID = 7;

  /** struct unix_diag_msg: family, type, state, pad, inode, cookie[2]. */
  static final int MESSAGE = 16;

  /** nlmsghdr and struct unix_diag_req. */
  private static final int REQUEST = 16 + 24;

  /** sizeof(sun_path): no bound name is longer. */
  static final int MAX_NAME = 108;

  /**
   * One Unix socket as the kernel describes it. {@code name} is null for an unnamed socket, the
   * path for a path name, and for an abstract name ({@code abstractName}) {@code @} and the name
   * with each NUL shown as {@code @}, as ss prints it. {@code peer} and {@code fileInode} are 0 and
   * {@code receiveQueue}, {@code sendQueue}, {@code uid} are -1 when the kernel did not say. For a
   * listener the queues are its accept queue and its backlog.
   */
  public record Entry(
      long inode,
      int type,
      int state,
      String name,
      boolean abstractName,
      long peer,
      long fileInode,
      long receiveQueue,
      long sendQueue,
      long uid) {}

  private final TcpDiag netlink;

  public UnixDiag(TcpDiag netlink) {
    this.netlink = netlink;
  }

  @Override
  public Optional<List<Entry>> sockets() {
    List<Entry> into = new ArrayList<>();
    return netlink.dump(new Request(), new Sink(into)) ? Optional.of(into) : Optional.empty();
  }

  private static final class Request implements TcpDiag.Request {
    @Override
    public int write(ByteBuffer b, int seq) {
      writeRequest(b, seq);
      return REQUEST;
    }
  }

  /** nlmsghdr + struct unix_diag_req: every state, every inode, the attributes read here. */
  static void writeRequest(ByteBuffer b, int seq) {
    TcpDiag.writeHeader(b, REQUEST, seq);
    b.put(16, (byte) AF_UNIX);
    b.put(17, (byte) 0);
    b.putShort(18, (short) 0);
    b.putInt(20, -1); // udiag_states: all
    b.putInt(24, 0); // udiag_ino: any
    b.putInt(
        28, UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID);
    b.putInt(32, -1); // cookie: none (INET_DIAG_NOCOOKIE)
    b.putInt(36, -1);
  }

  static final class Sink implements TcpDiag.Sink {
    private final List<Entry> into;

    Sink(List<Entry> into) {
      this.into = into;
    }

    @Override
    public int minimumSize() {
      return 16 + MESSAGE;
    }

    @Override
    public void message(ByteBuffer b, int at, int size) {
      Entry e = parseMessage(b, at, size);
      if (e != null) {
        into.add(e);
      }
    }
  }

  /**
   * One {@code struct unix_diag_msg} and its attributes at {@code b[at, at + size)}, or null when
   * it is not an AF_UNIX message or is shorter than the struct. Attributes running past the end, or
   * of a wrong size, are ignored; unknown ones skipped.
   */
  static Entry parseMessage(ByteBuffer b, int at, int size) {
    if (size < MESSAGE || (b.get(at) & 0xff) != AF_UNIX) {
      return null;
    }
    int type = b.get(at + 1) & 0xff;
    int state = b.get(at + 2) & 0xff;
    long inode = Integer.toUnsignedLong(b.getInt(at + 4));
    byte[] name = null;
    long peer = 0;
    long fileInode = 0;
    long rq = -1;
    long wq = -1;
    long uid = -1;
    int end = at + size;
    int a = at + MESSAGE;
    while (a + 4 <= end) {
      int length = b.getShort(a) & 0xffff;
      int kind = b.getShort(a + 2) & 0x3fff; // without NLA_F_NESTED, NLA_F_NET_BYTEORDER
      if (length < 4 || length > end - a) {
        break; // malformed: keep what was read
      }
      int data = a + 4;
      int n = length - 4;
      switch (kind) {
        case UNIX_DIAG_NAME -> name = n > 0 && n <= MAX_NAME ? bytes(b, data, n) : null;
        case UNIX_DIAG_VFS -> fileInode = n >= 8 ? Integer.toUnsignedLong(b.getInt(data)) : 0;
        case UNIX_DIAG_PEER -> peer = n >= 4 ? Integer.toUnsignedLong(b.getInt(data)) : 0;
        case UNIX_DIAG_RQLEN -> {
          if (n >= 8) {
            rq = Integer.toUnsignedLong(b.getInt(data));
            wq = Integer.toUnsignedLong(b.getInt(data + 4));
          }
        }
        case UNIX_DIAG_UID -> uid = n >= 4 ? Integer.toUnsignedLong(b.getInt(data)) : -1;
        default -> {
          // ICONS, MEMINFO, SHUTDOWN: not asked for
        }
      }
      a += (length + 3) & ~3; // NLA_ALIGN
    }
    boolean abstractName = name != null && name[0] == 0;
    return new Entry(inode, type, state, name(name), abstractName, peer, fileInode, rq, wq, uid);
  }

  private static byte[] bytes(ByteBuffer b, int at, int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = b.get(at + i);
    }
    return bytes;
  }

  /**
   * A bound name's text: a path up to its NUL, or an abstract name (first byte NUL) as {@code @}
   * and the rest with each NUL shown as {@code @}, as ss prints it. Null for no name; names longer
   * than {@code sun_path} (malformed) are not read.
   */
  static String name(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes[0] == 0) {
      byte[] shown = bytes.clone();
      for (int i = 0; i < shown.length; i++) {
        if (shown[i] == 0) {
          shown[i] = '@';
        }
      }
      return new String(shown, StandardCharsets.UTF_8);
    }
    int len = 0;
    while (len < bytes.length && bytes[len] != 0) {
      len++;
    }
    return new String(bytes, 0, len, StandardCharsets.UTF_8);
  }
}
