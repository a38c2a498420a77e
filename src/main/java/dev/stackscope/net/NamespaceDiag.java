package dev.stackscope.net;

import dev.stackscope.os.NetnsRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Listening TCP sockets of another network namespace through sock_diag netlink, asked from inside
 * it ({@link NetnsRunner}: a netlink socket belongs to the namespace it was opened in). Only for a
 * long-lived process with netlink on (the warm server): asked for listeners, the kernel walks its
 * listening table, where {@code /proc/PID/net/tcp} walks the whole established table, shared by
 * every namespace.
 */
final class NamespaceDiag {
  private NamespaceDiag() {}

  /**
   * The listeners (IPv4, IPv6 or both) in the namespace of {@code nsFile} ({@code
   * /proc/PID/ns/net}), or empty when it cannot be entered or asked.
   */
  static Optional<List<SocketEntry>> listeners(Path nsFile, boolean v4, boolean v6) {
    try {
      return NetnsRunner.run(
          nsFile,
          () -> {
            TcpDiag diag = TcpDiag.on();
            List<SocketEntry> all = new ArrayList<>();
            for (int version : new int[] {4, 6}) {
              if (version == 4 ? !v4 : !v6) {
                continue;
              }
              Optional<List<SocketEntry>> l = diag.listeners(version);
              if (l.isEmpty()) {
                return Optional.empty();
              }
              all.addAll(l.get());
            }
            return Optional.of(all);
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
