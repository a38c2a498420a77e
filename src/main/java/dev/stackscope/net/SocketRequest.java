package dev.stackscope.net;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to read from a {@link SocketSource}: which protocols and IP versions, and whether to find
 * the owning processes (the costly part: a walk over every process's file descriptors).
 */
public record SocketRequest(Set<Protocol> protocols, boolean ipv4, boolean ipv6, boolean owners) {
  public SocketRequest {
    protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
  }

  /** Every TCP and UDP socket, IPv4 and IPv6, with owners. */
  public static SocketRequest everything() {
    return new SocketRequest(EnumSet.allOf(Protocol.class), true, true, true);
  }

  public SocketRequest withOwners(boolean wanted) {
    return new SocketRequest(protocols, ipv4, ipv6, wanted);
  }
}
