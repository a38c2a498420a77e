package dev.stackscope.net;

import java.util.List;

/**
 * The Unix sockets a {@link UnixQuery} selected; {@code hiddenOwners} and {@code
 * unreadableProcesses} as in {@link PortReport}. {@code available} is false when the kernel could
 * not be asked (no sock_diag netlink here): nothing was listed.
 */
public record UnixReport(
    boolean available,
    List<UnixSocket> sockets,
    long hiddenOwners,
    int unreadableProcesses,
    List<String> problems) {
  public UnixReport {
    sockets = List.copyOf(sockets);
    problems = List.copyOf(problems);
  }
}
