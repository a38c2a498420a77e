package dev.stackscope.stack;

import dev.stackscope.stack.LocalConnections.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups processes into components: classified processes start a component with their process tree,
 * and unclassified processes that talk to the stack become components of their own.
 */
final class ComponentGrouper {
  private final RoleClassifier classifier;
  private final Set<String> brokerPrograms = new HashSet<>();
  private final Map<Integer, StackProcess> byPid;
  private final Map<Integer, List<Integer>> children = new HashMap<>();
  private final Map<Integer, Set<Integer>> portsByPid;

  /** Each grouped process's component. */
  final Map<Integer, ComponentGroup> groupOf = new HashMap<>();

  /** The components, in the order they were found. */
  final List<ComponentGroup> groups = new ArrayList<>();

  ComponentGrouper(
      RoleClassifier classifier,
      Map<Integer, StackProcess> byPid,
      Map<Integer, Set<Integer>> portsByPid) {
    this.classifier = classifier;
    this.byPid = byPid;
    this.portsByPid = portsByPid;
    brokerPrograms.addAll(classifier.brokerPrograms());
    for (StackProcess p : byPid.values()) {
      if (byPid.containsKey(p.ppid()) && p.ppid() != p.pid()) {
        List<Integer> siblings = children.get(p.ppid());
        if (siblings == null) {
          siblings = new ArrayList<>();
          children.put(p.ppid(), siblings);
        }
        siblings.add(p.pid());
      }
    }
  }

  /** Groups the process trees from their roots (processes whose parent is not visible). */
  void groupTrees() {
    for (StackProcess p : byPid.values()) {
      if (!byPid.containsKey(p.ppid()) || p.ppid() == p.pid()) {
        assign(p.pid());
      }
    }
  }

  /**
   * Depth first from a root: classified processes start a group unless their parent's group runs
   * the same program.
   */
  private void assign(int root) {
    record Step(int pid, ComponentGroup parentGroup) {}
    List<Step> stack = new ArrayList<>();
    stack.add(new Step(root, null));
    while (!stack.isEmpty()) {
      Step step = stack.remove(stack.size() - 1);
      StackProcess p = byPid.get(step.pid());
      ComponentGroup g = step.parentGroup();
      if (!isKernelThread(p)) {
        Optional<Classification> c =
            classifier.classify(p, portsByPid.getOrDefault(p.pid(), Set.of()));
        if (c.isPresent() && (g == null || !g.why.program().equals(c.get().program()))) {
          g = new ComponentGroup(p.pid(), c.get());
          groups.add(g);
        } else if (g != null) {
          g.pids.add(p.pid());
        }
        if (g != null) {
          groupOf.put(p.pid(), g);
        }
      }
      for (int child : children.getOrDefault(p.pid(), List.of())) {
        stack.add(new Step(child, g));
      }
    }
  }

  private static boolean isKernelThread(StackProcess p) {
    return p.pid() == 2 || p.ppid() == 2 && p.argv().isEmpty();
  }

  /**
   * Unclassified processes that talk to the stack become components too: a worker when it has no
   * listener and connects to a broker, an app server when a web server or balancer proxies to it,
   * else "other".
   */
  void addConnectedProcesses(List<Connection> connections) {
    Map<Integer, Classification> found = new TreeMap<>();
    for (Connection c : connections) {
      ComponentGroup server = first(c.serverPids(), groupOf);
      ComponentGroup client = first(c.clientPids(), groupOf);
      if (server != null && client == null) {
        for (int pid : c.clientPids()) {
          if (byPid.containsKey(pid) && !portsByPid.containsKey(pid)) {
            boolean broker =
                server.why.role() == Role.QUEUE || brokerPrograms.contains(server.why.program());
            Classification why =
                broker
                    ? connected(
                        pid, Role.WORKER, RuleMatch.Kind.BROKER_CLIENT, server, Confidence.MEDIUM)
                    : connected(pid, Role.OTHER, RuleMatch.Kind.CLIENT, server, Confidence.LOW);
            Classification before = found.get(pid);
            if (before == null || before.role() != Role.WORKER) {
              found.put(pid, why);
            }
          }
        }
      } else if (client != null && server == null) {
        boolean proxied = client.why.role() == Role.WEB || client.why.role() == Role.LOAD_BALANCER;
        for (int pid : c.serverPids()) {
          if (byPid.containsKey(pid)) {
            found.putIfAbsent(
                pid,
                proxied
                    ? connected(pid, Role.APP, RuleMatch.Kind.PROXIED, client, Confidence.LOW)
                    : connected(pid, Role.OTHER, RuleMatch.Kind.SERVER, client, Confidence.LOW));
          }
        }
      }
    }
    for (Map.Entry<Integer, Classification> e : found.entrySet()) {
      int pid = e.getKey();
      if (groupOf.containsKey(pid)) {
        continue;
      }
      // the top of the run of same-named, ungrouped ancestors is the component's root
      int root = pid;
      StackProcess p = byPid.get(pid);
      while (true) {
        StackProcess parent = byPid.get(byPid.get(root).ppid());
        if (parent == null
            || groupOf.containsKey(parent.pid())
            || !parent.comm().equals(p.comm())) {
          break;
        }
        root = parent.pid();
      }
      ComponentGroup g = new ComponentGroup(root, e.getValue());
      groups.add(g);
      List<Integer> todo = new ArrayList<>(List.of(root));
      while (!todo.isEmpty()) {
        int q = todo.remove(todo.size() - 1);
        // descendants running something else (a job runner the test harness started) stand alone
        if (!groupOf.containsKey(q) && (q == root || byPid.get(q).comm().equals(p.comm()))) {
          groupOf.put(q, g);
          g.pids.add(q);
          todo.addAll(children.getOrDefault(q, List.of()));
        }
      }
    }
  }

  /** Why an unclassified process is a component: its connection to {@code other}. */
  private Classification connected(
      int pid, Role role, RuleMatch.Kind kind, ComponentGroup other, Confidence confidence) {
    return new Classification(
        role,
        classifier.programOf(byPid.get(pid)),
        new RuleMatch(kind, other.why.program()),
        confidence);
  }

  /** What the first of these processes that has something in {@code byPid} has, or null. */
  static <T> T first(Iterable<Integer> pids, Map<Integer, T> byPid) {
    for (int pid : pids) {
      T t = byPid.get(pid);
      if (t != null) {
        return t;
      }
    }
    return null;
  }
}
