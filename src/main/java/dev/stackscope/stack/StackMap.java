package dev.stackscope.stack;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.net.Reach;
import dev.stackscope.os.NetworkNamespace;
import java.util.List;

/**
 * The map of the stack: its components, the connections between them, and their connections to
 * other hosts. Serialised as is by {@code stack --json}.
 */
public record StackMap(
    List<Component> components,
    List<Edge> edges,
    List<External> external,
    List<UnixEdge> unixEdges,
    Pressure pressure) {
  public StackMap(List<Component> components, List<Edge> edges, List<External> external) {
    this(components, edges, external, List.of());
  }

  public StackMap(
      List<Component> components,
      List<Edge> edges,
      List<External> external,
      List<UnixEdge> unixEdges) {
    this(components, edges, external, unixEdges, null);
  }

  /**
   * Connections from one component (the client) to the Unix socket {@code path} another listens on.
   *
   * @param origin {@code observed}, {@code declared} (in a configuration, not seen connected) or
   *     {@code observed, declared}
   * @param declaredAt where it was declared ({@code FILE:LINE}, {@code environment NAME}); empty
   *     when only observed
   */
  public record UnixEdge(
      String from, String to, String path, int count, String origin, List<String> declaredAt) {
    public UnixEdge(String from, String to, String path, int count) {
      this(from, to, path, count, Origin.OBSERVED, List.of());
    }
  }

  /** The words of an edge's origin. */
  public static final class Origin {
    public static final String OBSERVED = "observed";
    public static final String DECLARED = "declared";
    public static final String BOTH = "observed, declared";

    private Origin() {}
  }

  /**
   * One component: a process tree with one job.
   *
   * @param id unique name in this map (the program, with {@code -2}, {@code -3} for repeats)
   * @param role what it does
   * @param program the program's name
   * @param pids its processes, the tree's root first, then ascending
   * @param user owner of the tree's root, or null when not visible
   * @param rule what named the role
   * @param confidence how sure the role is
   * @param listeners its listening TCP ports
   * @param replication its place in a database's replication, or null when not replicated
   * @param ruleSource the rules file and line that named the role ({@code FILE:LINE}), or null for
   *     a built-in rule or none
   * @param resources what its processes use, or null when not measured
   * @param unit the systemd unit of the tree's root, or null
   * @param slice the slice holding that unit, or null
   * @param container the container the root runs in, or null
   * @param netns the root's network namespace ({@code host} for the host's), or null when
   *     unreadable
   */
  public record Component(
      String id,
      Role role,
      String program,
      List<Integer> pids,
      String user,
      RuleMatch rule,
      Confidence confidence,
      List<Listener> listeners,
      Replication replication,
      String ruleSource,
      ComponentResources resources,
      String unit,
      String slice,
      ContainerInfo container,
      NetworkNamespace netns) {
    /** A component that is not replicated, named by a built-in rule, not yet placed. */
    public Component(
        String id,
        Role role,
        String program,
        List<Integer> pids,
        String user,
        RuleMatch rule,
        Confidence confidence,
        List<Listener> listeners) {
      this(
          id,
          role,
          program,
          pids,
          user,
          rule,
          confidence,
          listeners,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    /** This component with its replication position. */
    public Component withReplication(Replication r) {
      return copy(listeners, r, ruleSource, resources, place());
    }

    /** This component with its resources and its listeners' queues. */
    public Component withPressure(List<Listener> queued, ComponentResources used) {
      return copy(queued, replication, ruleSource, used, place());
    }

    /** This component placed in its unit, container and network namespace. */
    public Component withPlace(ComponentPlace p) {
      return copy(listeners, replication, ruleSource, resources, p);
    }

    /** This component named by the rule at {@code source} ({@code FILE:LINE}; null: built in). */
    public Component withRuleSource(String source) {
      return copy(listeners, replication, source, resources, place());
    }

    private Component copy(
        List<Listener> ls,
        Replication r,
        String source,
        ComponentResources used,
        ComponentPlace p) {
      return new Component(
          id,
          role,
          program,
          pids,
          user,
          rule,
          confidence,
          ls,
          r,
          source,
          used,
          p.unit(),
          p.slice(),
          p.container(),
          p.netns());
    }

    /** Its unit, container and network namespace. */
    public ComponentPlace place() {
      return new ComponentPlace(unit, slice, container, netns);
    }
  }

  /** A component's place in replication. */
  public enum Position {
    PRIMARY("primary"),
    REPLICA("replica");

    private final String id;

    Position(String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * Where a component stands in a database's replication.
   *
   * @param position primary or replica
   * @param of for a replica, the component it follows (its id), or the remote primary's address
   *     when that is another host; null for a primary
   * @param port for a replica, the primary's port; null for a primary or when not known
   * @param lag for a replica, how many bytes of the primary's log it has not yet received (from the
   *     LSNs in the process titles); null when not visible
   */
  public record Replication(Position position, String of, Integer port, Long lag) {}

  /** What an edge is: a client's connections, or a replica following its primary. */
  public enum EdgeKind {
    CLIENT("client"),
    REPLICATION("replication");

    private final String id;

    EdgeKind(String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * A listening socket and who can reach it; {@code acceptQueue} connections wait for accept()
   * against a {@code backlog} (null when unknown), {@code queueFull} at the limit. {@code
   * publishedVia} names the runtime's program that holds it on the host for a container's server
   * ({@code docker-proxy}, {@code conmon}, {@code rootlessport}), null for the server's own socket.
   */
  public record Listener(
      String protocol,
      String address,
      int port,
      Reach scope,
      Integer acceptQueue,
      Integer backlog,
      boolean queueFull,
      String publishedVia) {
    public Listener(String protocol, String address, int port, Reach scope) {
      this(protocol, address, port, scope, null, null, false, null);
    }

    public Listener(
        String protocol,
        String address,
        int port,
        Reach scope,
        Integer acceptQueue,
        Integer backlog,
        boolean queueFull) {
      this(protocol, address, port, scope, acceptQueue, backlog, queueFull, null);
    }

    /** This listener as published on the host by {@code via}. */
    public Listener publishedVia(String via) {
      return new Listener(protocol, address, port, scope, acceptQueue, backlog, queueFull, via);
    }
  }

  /**
   * Connections from one component (the client, or a replica) to another's listening port (the
   * server, or the primary the replica follows).
   */
  public record Edge(
      String from,
      String to,
      int port,
      int count,
      EdgeKind kind,
      java.util.Map<String, Integer> states,
      boolean closeWaitPileUp,
      String origin,
      List<String> declaredAt) {
    /** A client edge. */
    public Edge(String from, String to, int port, int count) {
      this(from, to, port, count, EdgeKind.CLIENT);
    }

    /** An observed edge without state counts. */
    public Edge(String from, String to, int port, int count, EdgeKind kind) {
      this(from, to, port, count, kind, null, false, Origin.OBSERVED, List.of());
    }
  }

  /**
   * Connections between a component and another host, per remote address and port: {@code out} to
   * the remote's port, {@code in} from the remote to the component's listening port.
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
