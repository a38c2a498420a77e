package dev.stackscope.net;

import java.util.function.Predicate;

/** Where sockets come from: the kernel's tables and the processes holding them. */
public interface SocketSource {
  /**
   * Reads the sockets {@code request} asks for. Never throws for unreadable parts: see problems.
   */
  SocketSnapshot read(SocketRequest request);

  /**
   * Reads the sockets {@code request} asks for, finding owners (when asked) at least for the
   * sockets {@code needsOwners} accepts; the others may come without owners. A source for which
   * owners cost little may ignore the filter.
   */
  default SocketSnapshot read(SocketRequest request, Predicate<SocketEntry> needsOwners) {
    return read(request);
  }
}
