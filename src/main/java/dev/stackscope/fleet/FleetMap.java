package dev.stackscope.fleet;

import dev.stackscope.stack.Confidence;
import dev.stackscope.stack.Role;
import dev.stackscope.stack.StackMap.Listener;
import java.util.List;

/**
 * One map of several hosts' stacks: {@code fleet --json}.
 *
 * @param hosts the hosts, by name
 * @param components every host's components, by role in request order, then host, then id
 * @param edges connections between components, on one host or across hosts
 * @param external endpoints no snapshot owns (or owned by a host where no component listens),
 *     summed over the components that talk to them
 */
public record FleetMap(
    List<FleetHost> hosts,
    List<FleetComponent> components,
    List<FleetEdge> edges,
    List<ExternalEndpoint> external) {

  /**
   * A host of the fleet.
   *
   * @param name how the map names it (its host name; made unique with its machine-id when two
   *     machines share a name)
   * @param source the snapshot file it was read from
   */
  public record FleetHost(
      String name,
      String machineId,
      List<String> addresses,
      String time,
      String version,
      String source,
      int components) {}

  /**
   * A component on one host.
   *
   * @param key {@code ID@HOST}, unique in the fleet
   * @param host the host's name in the map
   * @param id the component's id in its host's snapshot
   */
  public record FleetComponent(
      String key,
      String host,
      String id,
      Role role,
      String program,
      List<Integer> pids,
      String user,
      String rule,
      Confidence confidence,
      List<Listener> listeners) {}

  /**
   * Connections from one component to another.
   *
   * @param from the client's key
   * @param to the server's key
   * @param port the server's port (0 for a Unix socket)
   * @param path the Unix socket's path, or null for TCP
   * @param count connections seen
   * @param kind {@code client}, {@code replication} or {@code unix}
   * @param crossHost whether client and server are on different hosts
   */
  public record FleetEdge(
      String from, String to, int port, String path, int count, String kind, boolean crossHost) {}

  /**
   * Connections between components and one remote endpoint that no component of the fleet serves.
   *
   * @param direction {@code out}: the components connect to {@code address:port}; {@code in}: the
   *     address connects to their port {@code port}
   * @param components the components' keys
   * @param ownerHost the fleet host that has the address, or null when no snapshot has it
   */
  public record ExternalEndpoint(
      String direction,
      String address,
      int port,
      int count,
      List<String> components,
      String ownerHost) {}

  /** The component with this key, or null. */
  public FleetComponent component(String key) {
    for (FleetComponent c : components) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    return null;
  }
}
