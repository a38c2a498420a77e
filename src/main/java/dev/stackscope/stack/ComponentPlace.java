package dev.stackscope.stack;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.os.NetworkNamespace;

/**
 * Where a component runs: the systemd unit and slice of its root process, the container it is in,
 * and its network namespace. Each is null when it has none or it could not be read.
 */
public record ComponentPlace(
    String unit, String slice, ContainerInfo container, NetworkNamespace netns) {
  public static final ComponentPlace NONE = new ComponentPlace(null, null, null, null);

  /** The name {@link dev.stackscope.container.ProcessIdentities} gives the host's namespace. */
  static final String HOST_NETNS = "host";

  /** Whether it runs in a network namespace other than the host's (a container's, an ip netns). */
  public boolean ownNetns() {
    return netns != null && !HOST_NETNS.equals(netns.name());
  }
}
