package dev.stackscope.stack;

import java.net.InetAddress;
import java.util.Set;

/** Address helpers the map needs (IPv4-mapped unwrapping is {@code net.AddressScope.unmap}). */
final class Addresses {
  private Addresses() {}

  /** Whether a peer at this address is this host: loopback or one of its own addresses. */
  static boolean isLocal(InetAddress a, Set<InetAddress> own) {
    return a.isLoopbackAddress() || own.contains(a);
  }
}
