package dev.stackscope.process;

import java.util.Optional;

/**
 * Describes a socket by its inode (e.g. {@code tcp 127.0.0.1:5432 -> 127.0.0.1:40122}). {@code
 * cli.process.SocketEndpoints} implements it from the net package's socket tables (so this package
 * does not depend on net); {@link #NONE} leaves sockets as {@code socket:[inode]}.
 */
@FunctionalInterface
public interface SocketResolver {
  SocketResolver NONE = inode -> Optional.empty();

  Optional<String> describe(long inode);
}
