package dev.stackscope.stack;

import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.UnixEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unix-socket edges between components: a client component's connections to the path a server
 * component listens on, counted per (client, server, path). A connection whose two ends are in one
 * component (a master and its workers, a socketpair) is no edge; one whose end no component holds
 * is left out.
 */
final class UnixEdges {
  private UnixEdges() {}

  static List<UnixEdge> of(List<UnixLink> links, List<Component> components) {
    if (links.isEmpty()) {
      return List.of();
    }
    Map<Integer, String> idOfPid = new HashMap<>();
    Map<String, Integer> order = new HashMap<>();
    for (Component c : components) {
      order.put(c.id(), order.size());
      for (int pid : c.pids()) {
        idOfPid.putIfAbsent(pid, c.id());
      }
    }
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (UnixLink l : links) {
      String server = ComponentGrouper.first(l.serverPids(), idOfPid);
      String client = ComponentGrouper.first(l.clientPids(), idOfPid);
      if (server == null || client == null || server.equals(client)) {
        continue;
      }
      counts.merge(List.of(client, server, l.path()), 1, Integer::sum);
    }
    List<UnixEdge> edges = new ArrayList<>();
    for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
      List<String> k = e.getKey();
      edges.add(new UnixEdge(k.get(0), k.get(1), k.get(2), e.getValue()));
    }
    edges.sort(
        (a, b) -> {
          int c = Integer.compare(order.get(a.from()), order.get(b.from()));
          c = c != 0 ? c : Integer.compare(order.get(a.to()), order.get(b.to()));
          return c != 0 ? c : a.path().compareTo(b.path());
        });
    return edges;
  }
}
