package dev.stackscope.net;

import java.util.List;

/**
 * The sockets read at one moment. {@code unreadableProcesses} counts processes whose file
 * descriptors could not be listed (another user's, without root): sockets they hold show no owners.
 * {@code problems} names what else could not be read.
 */
public record SocketSnapshot(
    List<SocketEntry> sockets, int unreadableProcesses, List<String> problems) {
  public SocketSnapshot {
    sockets = List.copyOf(sockets);
    problems = List.copyOf(problems);
  }

  /** Sockets held by some process (inode not 0) whose owner could not be seen. */
  public long hiddenOwners() {
    if (unreadableProcesses == 0) {
      return 0;
    }
    return sockets.stream().filter(s -> s.inode() != 0 && s.owners().isEmpty()).count();
  }
}
