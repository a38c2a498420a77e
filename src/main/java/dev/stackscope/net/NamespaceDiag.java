package dev.stackscope.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Listening TCP sockets of another network namespace through sock_diag netlink: a thread of its own
 * enters the namespace ({@code setns} on {@code /proc/PID/ns/net}) and asks there (a netlink socket
 * belongs to the namespace it was opened in), then ends, so no other thread ever runs in the
 * namespace. Only for a long-lived process with netlink on (the warm server): asked for listeners,
 * the kernel walks its listening table, where {@code /proc/PID/net/tcp} walks the whole established
 * table, shared by every namespace.
 */
final class NamespaceDiag {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;

  private static final class Libc {
    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int close(int fd);

    static {
      Native.register("c");
    }
  }

  private NamespaceDiag() {}

  /**
   * The listeners of {@code ipVersion} (4, 6 or 0 for both) in the namespace of {@code nsFile}
   * ({@code /proc/PID/ns/net}), or empty when it cannot be entered or asked.
   */
  static Optional<List<SocketEntry>> listeners(String nsFile, boolean v4, boolean v6) {
    Result result = new Result();
    Thread t =
        new Thread(
            () -> {
              int fd;
              try {
                fd = Libc.open(nsFile, O_RDONLY | O_CLOEXEC);
              } catch (LastErrorException | LinkageError e) {
                return;
              }
              try {
                Libc.setns(fd, CLONE_NEWNET);
              } catch (LastErrorException e) {
                return;
              } finally {
                Libc.close(fd);
              }
              TcpDiag diag = TcpDiag.on();
              List<SocketEntry> all = new ArrayList<>();
              for (int version : new int[] {4, 6}) {
                if (version == 4 ? !v4 : !v6) {
                  continue;
                }
                Optional<List<SocketEntry>> l = diag.listeners(version);
                if (l.isEmpty()) {
                  return;
                }
                all.addAll(l.get());
              }
              result.sockets = all;
            },
            "netns-diag");
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.ofNullable(result.sockets);
  }

  private static final class Result {
    volatile List<SocketEntry> sockets;
  }
}
