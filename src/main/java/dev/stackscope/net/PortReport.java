package dev.stackscope.net;

import java.util.List;

/**
 * The sockets a {@link PortQuery} selected. {@code hiddenOwners} counts the selected sockets whose
 * owner could not be seen because {@code unreadableProcesses} processes' descriptors were not
 * readable: other users' processes (root sees them) or, for root, processes that even root cannot
 * inspect (not dumpable, or guarded by a security module). {@code problems} names what else could
 * not be read.
 */
public record PortReport(
    List<SocketEntry> sockets, long hiddenOwners, int unreadableProcesses, List<String> problems) {
  public PortReport {
    sockets = List.copyOf(sockets);
    problems = List.copyOf(problems);
  }
}
