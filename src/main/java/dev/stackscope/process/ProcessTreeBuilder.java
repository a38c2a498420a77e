package dev.stackscope.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Builds process trees from a snapshot: rooted at PID 1, at a given PID (optionally with its
 * ancestors), or at the topmost processes of one user; optionally filtered to the processes that
 * match a pattern together with their ancestors and descendants.
 */
public final class ProcessTreeBuilder {
  // Comparators and loops without lambdas: each lambda costs a bootstrap in a fresh JVM, and a
  // tree is usually the only thing the JVM does before it exits.
  private static final Comparator<ProcessInfo> BY_PID =
      new Comparator<>() {
        @Override
        public int compare(ProcessInfo a, ProcessInfo b) {
          return Integer.compare(a.pid(), b.pid());
        }
      };
  private static final Comparator<ProcessInfo> BY_NAME =
      new Comparator<>() {
        @Override
        public int compare(ProcessInfo a, ProcessInfo b) {
          int byName = a.name().compareTo(b.name());
          return byName != 0 ? byName : Integer.compare(a.pid(), b.pid());
        }
      };

  private final Map<Integer, ProcessInfo> byPid;
  private final Map<Integer, List<ProcessInfo>> childrenOf;
  private final List<ProcessInfo> all;

  /** Indexes a snapshot (as returned by {@link ProcessSource#snapshot}). */
  public ProcessTreeBuilder(List<ProcessInfo> snapshot) {
    this.all = snapshot;
    this.byPid = new HashMap<>(snapshot.size() * 2);
    this.childrenOf = new HashMap<>(snapshot.size());
    for (ProcessInfo p : snapshot) {
      byPid.put(p.pid(), p);
    }
    for (ProcessInfo p : snapshot) {
      if (p.ppid() != p.pid()) {
        List<ProcessInfo> siblings = childrenOf.get(p.ppid());
        if (siblings == null) {
          siblings = new ArrayList<>(4);
          childrenOf.put(p.ppid(), siblings);
        }
        siblings.add(p);
      }
    }
  }

  public ProcessInfo get(int pid) {
    return byPid.get(pid);
  }

  /** The ancestors of {@code pid}, nearest first, ending at a root (PID 1 or a parentless one). */
  public List<ProcessInfo> ancestors(int pid) {
    List<ProcessInfo> chain = new ArrayList<>();
    ProcessInfo p = byPid.get(pid);
    while (p != null && p.ppid() != p.pid() && chain.size() < byPid.size()) {
      p = byPid.get(p.ppid());
      if (p != null) {
        chain.add(p);
      }
    }
    return chain;
  }

  /**
   * The forest for a request. {@code threads} supplies a process's threads when the request asks
   * for them (it may be null when it does not).
   *
   * @throws NoSuchProcessException when {@code request.rootPid()} is not in the snapshot
   */
  public List<ProcessNode> build(ProcessTreeRequest request, IntFunction<List<ProcessThread>> threads) {
    Comparator<ProcessInfo> order = request.sortByPid() ? BY_PID : BY_NAME;
    boolean[] keep =
        request.match() == null ? null : matching(request.match(), request.selfPid());
    IntFunction<List<ProcessThread>> threadsOf = request.threads() ? threads : null;
    List<ProcessInfo> roots = roots(request, order);
    List<ProcessNode> forest = new ArrayList<>(roots.size());
    for (ProcessInfo root : roots) {
      ProcessNode node = subtree(root, order, keep, threadsOf, 0);
      if (node != null) {
        forest.add(node);
      }
    }
    if (request.parents() && request.rootPid() > 0 && forest.size() == 1) {
      ProcessNode node = forest.get(0);
      for (ProcessInfo a : ancestors(request.rootPid())) {
        List<ProcessThread> ts = threadsOf == null ? List.of() : threadsOf.apply(a.pid());
        node = new ProcessNode(a, List.of(node), ts);
      }
      forest.set(0, node);
    }
    return forest;
  }

  private List<ProcessInfo> roots(ProcessTreeRequest request, Comparator<ProcessInfo> order) {
    if (request.rootPid() > 0) {
      ProcessInfo root = byPid.get(request.rootPid());
      if (root == null) {
        throw new NoSuchProcessException(request.rootPid());
      }
      return List.of(root);
    }
    List<ProcessInfo> roots = new ArrayList<>();
    if (request.user() != null) {
      for (ProcessInfo p : all) {
        ProcessInfo parent = byPid.get(p.ppid());
        if (request.user().equals(p.user())
            && (parent == null || !request.user().equals(parent.user()))) {
          roots.add(p);
        }
      }
    } else if (byPid.containsKey(1)) {
      roots.add(byPid.get(1));
    } else {
      for (ProcessInfo p : all) {
        if (!byPid.containsKey(p.ppid()) && !p.kernelThread()) {
          roots.add(p);
        }
      }
    }
    roots.sort(order);
    return roots;
  }

  /** Marks the processes to keep: matches, their ancestors and their descendants. */
  private boolean[] matching(Pattern match, int selfPid) {
    int maxPid = 0;
    for (ProcessInfo p : all) {
      maxPid = Math.max(maxPid, p.pid());
    }
    boolean[] keep = new boolean[maxPid + 1];
    boolean[] matched = new boolean[maxPid + 1];
    for (ProcessInfo p : all) {
      if (p.pid() != selfPid && matches(match, p)) {
        matched[p.pid()] = true;
        keep[p.pid()] = true;
        for (ProcessInfo a : ancestors(p.pid())) {
          keep[a.pid()] = true;
        }
      }
    }
    // descendants of a match: walk down from each match
    for (ProcessInfo p : all) {
      if (matched[p.pid()]) {
        markDescendants(p.pid(), keep, 0);
      }
    }
    return keep;
  }

  private void markDescendants(int pid, boolean[] keep, int depth) {
    List<ProcessInfo> kids = childrenOf.get(pid);
    if (kids == null || depth > byPid.size()) {
      return;
    }
    for (ProcessInfo k : kids) {
      if (!keep[k.pid()]) {
        keep[k.pid()] = true;
        markDescendants(k.pid(), keep, depth + 1);
      }
    }
  }

  private static boolean matches(Pattern match, ProcessInfo p) {
    if (match.matcher(p.name()).find()) {
      return true;
    }
    return p.command() != null && !p.command().isEmpty() && match.matcher(p.commandLine()).find();
  }

  private ProcessNode subtree(
      ProcessInfo p,
      Comparator<ProcessInfo> order,
      boolean[] keep,
      IntFunction<List<ProcessThread>> threadsOf,
      int depth) {
    if (keep != null && !keep[p.pid()]) {
      return null;
    }
    List<ProcessInfo> kids = childrenOf.get(p.pid());
    List<ProcessNode> children;
    if (kids == null || depth > byPid.size()) {
      children = List.of();
    } else {
      ProcessInfo[] sorted = kids.toArray(new ProcessInfo[0]);
      Arrays.sort(sorted, order);
      children = new ArrayList<>(sorted.length);
      for (ProcessInfo k : sorted) {
        ProcessNode child = subtree(k, order, keep, threadsOf, depth + 1);
        if (child != null) {
          children.add(child);
        }
      }
    }
    List<ProcessThread> threads = new ArrayList<>();
    if (threadsOf != null) {
      for (ProcessThread t : threadsOf.apply(p.pid())) {
        if (t.tid() != p.pid()) {
          threads.add(t);
        }
      }
    }
    return new ProcessNode(p, children, threads);
  }
}
