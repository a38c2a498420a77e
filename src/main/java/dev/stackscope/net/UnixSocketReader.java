package dev.stackscope.net;

import java.util.List;
import java.util.Optional;

/** Where Unix sockets come from: {@link UnixDiag} on a live system, a list in tests. */
public interface UnixSocketReader {
  /** Every Unix socket in this network namespace, or empty when the kernel could not be asked. */
  Optional<List<UnixDiag.Entry>> sockets();
}
