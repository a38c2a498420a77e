package dev.stackscope.net;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which sockets {@code ports} shows. {@code allStates} false means listening sockets only; {@code
 * state}, {@code port}, {@code pid} and {@code process} are null when not filtered on. {@code port}
 * matches the local or the remote port; {@code process} is found anywhere in an owner's name.
 */
public record PortQuery(
    boolean allStates,
    Set<Protocol> protocols,
    boolean ipv4,
    boolean ipv6,
    SocketState state,
    Integer port,
    Integer pid,
    Pattern process) {

  public PortQuery {
    protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
  }

  /** Listening TCP and UDP sockets, IPv4 and IPv6: {@code ss -tulpn}. */
  public static PortQuery listening() {
    return new PortQuery(false, EnumSet.allOf(Protocol.class), true, true, null, null, null, null);
  }

  /** Every socket in every state. */
  public static PortQuery everything() {
    return new PortQuery(true, EnumSet.allOf(Protocol.class), true, true, null, null, null, null);
  }

  /** Whether only listening sockets can be selected (TCP listeners, unconnected UDP). */
  boolean listeningOnly() {
    return state != null ? state == SocketState.LISTENING : !allStates;
  }

  /** The part of {@link #selects} that does not look at owners: state and port. */
  boolean selectsWithoutOwners(SocketEntry s) {
    if (state != null ? !s.state().matches(state) : !allStates && !s.isListening()) {
      return false;
    }
    return port == null
        || s.localPort() == port
        || (s.remotePort() != null && s.remotePort().intValue() == port);
  }

  boolean selects(SocketEntry s) {
    if (!selectsWithoutOwners(s)) {
      return false;
    }
    if (pid != null && s.owners().stream().noneMatch(o -> o.pid() == pid)) {
      return false;
    }
    return process == null
        || s.owners().stream()
            .anyMatch(o -> o.process() != null && process.matcher(o.process()).find());
  }
}
