package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.util.List;

/**
 * One TCP socket as the stack map needs it.
 *
 * @param state LISTEN, ESTABLISHED, TIME_WAIT or another TCP state name
 * @param localAddress local address (a wildcard for a listener on all interfaces)
 * @param localPort local port
 * @param remoteAddress peer's address (a wildcard for a listener)
 * @param remotePort peer's port (0 for a listener)
 * @param pids the processes holding the socket; empty when unknown (another user's, or TIME_WAIT)
 */
public record StackSocket(
    State state,
    InetAddress localAddress,
    int localPort,
    InetAddress remoteAddress,
    int remotePort,
    List<Integer> pids) {
  public StackSocket {
    pids = pids == null ? List.of() : List.copyOf(pids);
    localAddress = Addresses.unmapped(localAddress);
    remoteAddress = Addresses.unmapped(remoteAddress);
  }

  /** The TCP states the map tells apart. */
  public enum State {
    LISTEN,
    ESTABLISHED,
    TIME_WAIT,
    OTHER
  }

  /** The connection's identity across snapshots: both ends, whatever the state. */
  public String connectionKey() {
    return IpAddress.text(localAddress)
        + "|"
        + localPort
        + "|"
        + IpAddress.text(remoteAddress)
        + "|"
        + remotePort;
  }
}
