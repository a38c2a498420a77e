package dev.stackscope.net;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to read from a {@link SocketSource}: which protocols and IP versions, whether to find the
 * owning processes (the costly part: a walk over every process's file descriptors), and whether the
 * caller keeps only listening TCP sockets ({@code listeningOnly}: a source may then leave the
 * others out, which the kernel's netlink interface does without walking its established table).
 */
public record SocketRequest(
    Set<Protocol> protocols, boolean ipv4, boolean ipv6, boolean owners, boolean listeningOnly) {
  public SocketRequest {
    protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
  }

  /** Sockets in every state. */
  public SocketRequest(Set<Protocol> protocols, boolean ipv4, boolean ipv6, boolean owners) {
    this(protocols, ipv4, ipv6, owners, false);
  }

  /** Every TCP and UDP socket, IPv4 and IPv6, with owners. */
  public static SocketRequest everything() {
    return new SocketRequest(EnumSet.allOf(Protocol.class), true, true, true);
  }

  public SocketRequest withOwners(boolean wanted) {
    return new SocketRequest(protocols, ipv4, ipv6, wanted, listeningOnly);
  }
}
