package dev.stackscope.stack;

import dev.stackscope.net.Reach;
import java.util.List;

/**
 * The map of the stack: its components, the connections between them, and their connections to
 * other hosts. Serialised as is by {@code stack --json}.
 */
public record StackMap(
    List<Component> components, List<Edge> edges, List<External> external, List<UnixEdge> unixEdges) {
  public StackMap(List<Component> components, List<Edge> edges, List<External> external) {
    this(components, edges, external, List.of());
  }

  /** Connections from one component (the client) to the Unix socket {@code path} another listens on. */
  public record UnixEdge(String from, String to, String path, int count) {}

  /**
   * One component: a process tree with one job.
   *
   * @param id unique name in this map (the program, with {@code -2}, {@code -3} for repeats)
   * @param role what it does
   * @param program the program's name
   * @param pids its processes, the tree's root first, then ascending
   * @param user owner of the tree's root, or null when not visible
   * @param rule the rule that named the role
   * @param confidence {@code high}, {@code medium} or {@code low}
   * @param listeners its listening TCP ports
   */
  public record Component(
      String id,
      Role role,
      String program,
      List<Integer> pids,
      String user,
      String rule,
      String confidence,
      List<Listener> listeners) {}

  /** A listening socket and who can reach it. */
  public record Listener(String protocol, String address, int port, Reach scope) {}

  /** Connections from one component (the client) to another's listening port. */
  public record Edge(String from, String to, int port, int count) {}

  /**
   * Connections between a component and another host, per remote address and port: {@code out}
   * to the remote's port, {@code in} from the remote to the component's listening port.
   */
  public record External(String component, String direction, String address, int port, int count) {}

  /** The component with this id, or null. */
  public Component component(String id) {
    for (Component c : components) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
