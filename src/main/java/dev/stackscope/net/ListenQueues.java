package dev.stackscope.net;

import dev.stackscope.os.FileBytes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accept queues of this host's TCP listeners: from sock_diag netlink (queue and backlog) when
 * {@code proc} is the live {@code /proc} and netlink answers, else from {@code /proc/net/tcp} and
 * {@code tcp6} (the queue only: the kernel prints the backlog nowhere else). Parsing of the {@code
 * /proc} text is pure ({@link #parse}) and fuzzed by {@code ListenQueuesFuzzTest}.
 */
public final class ListenQueues {
  private final List<ListenQueue> queues;
  private final Map<Long, ListenQueue> byInode = new HashMap<>();

  public ListenQueues(List<ListenQueue> queues) {
    this.queues = List.copyOf(queues);
    for (ListenQueue q : this.queues) {
      if (q.inode() != 0) {
        byInode.putIfAbsent(q.inode(), q);
      }
    }
  }

  /**
   * Reads the queues. On the live {@code /proc} netlink is turned on first (one listeners-only dump
   * per IP version: the only source of the backlogs).
   */
  public static ListenQueues read(Path proc, TcpDiag diag) {
    List<ListenQueue> all = new ArrayList<>();
    if (diag != null && proc.equals(Path.of("/proc")) && diag.enable()) {
      Optional<List<ListenQueue>> v4 = diag.listenQueues(4);
      Optional<List<ListenQueue>> v6 = diag.listenQueues(6);
      if (v4.isPresent() && v6.isPresent()) {
        all.addAll(v4.get());
        all.addAll(v6.get());
        return new ListenQueues(all);
      }
    }
    for (int v : new int[] {4, 6}) {
      FileBytes bytes = new FileBytes(16384);
      if (bytes.read(proc.resolve("net").resolve(v == 6 ? "tcp6" : "tcp").toString())) {
        all.addAll(
            parse(new String(bytes.bytes(), 0, bytes.length(), StandardCharsets.ISO_8859_1), v));
      }
    }
    return new ListenQueues(all);
  }

  /** Every listener's queue. */
  public List<ListenQueue> all() {
    return queues;
  }

  /** The queue of the listener with this inode, or null. */
  public ListenQueue byInode(long inode) {
    return byInode.get(inode);
  }

  /**
   * The queue of the listener bound to this address and port (an IPv4-mapped address matches its
   * IPv4 form), or null.
   */
  public ListenQueue at(InetAddress address, int port) {
    for (ListenQueue q : queues) {
      if (q.port() == port && q.address().equals(address)) {
        return q;
      }
    }
    return null;
  }

  /** The listeners whose queue is at the limit. */
  public List<ListenQueue> full() {
    List<ListenQueue> out = new ArrayList<>();
    for (ListenQueue q : queues) {
      if (q.full()) {
        out.add(q);
      }
    }
    return out;
  }

  /** At most this many lines of a {@code /proc/net/tcp} text are looked at. */
  static final int MAX_LINES = 1_000_000;

  /**
   * The listeners (state {@code 0A}) of one {@code /proc/net/tcp} (or {@code tcp6}) text: the queue
   * from the {@code rx_queue} half of {@code tx_queue:rx_queue}, the backlog unknown. Malformed
   * lines are skipped.
   */
  public static List<ListenQueue> parse(String text, int ipVersion) {
    List<ListenQueue> out = new ArrayList<>();
    String[] lines = text.split("\n", MAX_LINES);
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split(" +");
      if (f.length < 10 || !f[3].equals("0A")) {
        continue;
      }
      try {
        int colon = f[1].indexOf(':');
        int queue = f[4].indexOf(':');
        if (colon != (ipVersion == 4 ? 8 : 32) || queue < 0) {
          continue;
        }
        InetAddress address = ProcNetParser.address(f[1].substring(0, colon));
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        long queued = Long.parseLong(f[4].substring(queue + 1), 16);
        long inode = Long.parseLong(f[9]);
        if (port < 0 || port > 0xFFFF || queued < 0 || queued > Integer.MAX_VALUE || inode < 0) {
          continue;
        }
        out.add(new ListenQueue(ipVersion, address, port, inode, (int) queued, null));
      } catch (IllegalArgumentException e) {
        // NumberFormatException included: a malformed line
      }
    }
    return out;
  }
}
