package dev.stackscope.net;

import java.net.InetAddress;
import java.util.List;

/**
 * One TCP or UDP socket as the kernel lists it.
 *
 * <p>{@code remoteAddress} and {@code remotePort} are null when there is no peer (a listener or an
 * unconnected UDP socket). {@code owners} is empty when no process holding it could be seen
 * (another user's process without root, or a socket no process holds, as in time-wait). {@code
 * service} is the well-known service name of the socket's server-side port, or null. {@code uid} is
 * the socket's owning user id and {@code inode} its inode number (0 for time-wait).
 */
public record SocketEntry(
    Protocol protocol,
    int ipVersion,
    InetAddress localAddress,
    int localPort,
    InetAddress remoteAddress,
    Integer remotePort,
    SocketState state,
    List<SocketOwner> owners,
    String service,
    Reach scope,
    int uid,
    long inode) {

  public SocketEntry {
    owners = List.copyOf(owners);
  }

  public boolean isListening() {
    return state.isListening();
  }

  /** The same socket with these owners. */
  public SocketEntry withOwners(List<SocketOwner> newOwners) {
    return new SocketEntry(
        protocol,
        ipVersion,
        localAddress,
        localPort,
        remoteAddress,
        remotePort,
        state,
        newOwners,
        service,
        scope,
        uid,
        inode);
  }

  /** The same socket with this service name. */
  public SocketEntry withService(String newService) {
    return new SocketEntry(
        protocol,
        ipVersion,
        localAddress,
        localPort,
        remoteAddress,
        remotePort,
        state,
        owners,
        newService,
        scope,
        uid,
        inode);
  }
}
