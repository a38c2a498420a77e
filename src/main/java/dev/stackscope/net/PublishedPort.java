package dev.stackscope.net;

import dev.stackscope.os.NetworkNamespace;
import java.util.List;

/**
 * Where a host listener held by a container runtime's program leads: the container's address and
 * port, and who listens there. Serialised as is in {@code ports --json} ({@code published}).
 *
 * @param via the program holding the host's port ({@code docker-proxy}, {@code conmon}, {@code
 *     rootlessport}, {@code slirp4netns})
 * @param viaPid its PID
 * @param rule the NAT chain whose DNAT rule rewrites the port ({@code DOCKER}, {@code CNI-DN-…}),
 *     or null when the program's own arguments said where it leads
 * @param container the container's name (conmon's {@code -n}, or its namespace's name), or null
 * @param netns the container's network namespace, or null when not found
 * @param address the container's address, or null when not known
 * @param port the container's port, or null when not known
 * @param owners who listens there (empty when nobody, or not visible)
 */
public record PublishedPort(
    String via,
    int viaPid,
    String rule,
    String container,
    NetworkNamespace netns,
    String address,
    Integer port,
    List<SocketOwner> owners) {
  public PublishedPort {
    owners = List.copyOf(owners);
  }

  /** The programs that hold a host port for a container. */
  public static boolean isPublisher(String comm) {
    return comm != null
        && (comm.equals("docker-proxy")
            || comm.equals("conmon")
            || comm.equals("rootlessport")
            || comm.equals("rootlessport-ch")
            || comm.equals("slirp4netns")
            || comm.equals("rootlesskit"));
  }
}
