package dev.stackscope.stack;

import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hops an HTTP request passes through on this host, read from the stack map's edges: from the
 * component that listens on the target port, along client edges to the next load balancer, HTTP
 * cache, web or app server (a data store, queue or worker is where the request path ends: the app
 * asks it, it does not carry the request on).
 */
public final class RequestPath {
  private RequestPath() {}

  /**
   * One hop.
   *
   * @param component the component's id in the stack map
   * @param program its program
   * @param role its role id
   * @param pid the root of its process tree
   * @param port the port the request reaches it on
   */
  public record PathHop(String component, String program, String role, Integer pid, int port) {}

  private static final Set<Role> CARRIERS =
      Set.of(Role.LOAD_BALANCER, Role.HTTP_CACHE, Role.WEB, Role.APP);

  /**
   * The path from the component holding one of {@code listenerPids} (which listens on {@code
   * port}); empty when no component holds them. At each hop the busiest client edge to a carrier is
   * taken (ties: the load balancer/cache/web/app order, then the id).
   */
  public static List<PathHop> follow(StackMap map, List<Integer> listenerPids, int port) {
    Component start = null;
    for (Component c : map.components()) {
      if (listenerPids.stream().anyMatch(c.pids()::contains)) {
        start = c;
      }
    }
    List<PathHop> path = new ArrayList<>();
    if (start == null) {
      return path;
    }
    Set<String> seen = new HashSet<>();
    Component at = start;
    int atPort = port;
    while (at != null && seen.add(at.id()) && path.size() < 16) {
      path.add(
          new PathHop(
              at.id(),
              at.program(),
              at.role().id(),
              at.pids().isEmpty() ? null : at.pids().get(0),
              atPort));
      Edge best = null;
      Component next = null;
      for (Edge e : map.edges()) {
        Component to = map.component(e.to());
        if (e.kind() != EdgeKind.CLIENT
            || !e.from().equals(at.id())
            || to == null
            || seen.contains(to.id())
            || !CARRIERS.contains(to.role())) {
          continue;
        }
        if (best == null || better(e, to, best, next)) {
          best = e;
          next = to;
        }
      }
      at = next;
      atPort = best == null ? 0 : best.port();
    }
    return path;
  }

  private static boolean better(Edge e, Component to, Edge best, Component bestTo) {
    if (e.count() != best.count()) {
      return e.count() > best.count();
    }
    if (to.role() != bestTo.role()) {
      return to.role().ordinal() < bestTo.role().ordinal();
    }
    return to.id().compareTo(bestTo.id()) < 0;
  }
}
