package dev.stackscope.process;

import java.util.Optional;

/**
 * Describes a socket by its inode (e.g. {@code tcp 127.0.0.1:5432 → 127.0.0.1:40122}). The ports
 * feature provides the real one; {@link #NONE} leaves sockets as {@code socket:[inode]}.
 */
@FunctionalInterface
public interface SocketResolver {
  SocketResolver NONE = inode -> Optional.empty();

  Optional<String> describe(long inode);
}
