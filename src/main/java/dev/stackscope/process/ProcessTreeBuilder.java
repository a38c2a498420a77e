package dev.stackscope.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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

  private static final ProcessInfo[] NO_PROCESSES = new ProcessInfo[0];

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
  public List<ProcessNode> build(
      ProcessTreeRequest request, IntFunction<List<ProcessThread>> threads) {
    Comparator<ProcessInfo> order = request.sortByPid() ? BY_PID : BY_NAME;
    boolean[] keep = request.match() == null ? null : matching(request.match(), request.selfPid());
    IntFunction<List<ProcessThread>> threadsOf = request.threads() ? threads : null;
    List<ProcessInfo> roots = roots(request, order);
    List<ProcessNode> forest = new ArrayList<>(roots.size());
    for (ProcessInfo root : roots) {
      ProcessNode node = subtree(root, order, keep, threadsOf);
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
        // up to the first process already kept: its ancestors are kept too (O(n), not O(n·depth))
        ProcessInfo a = p.ppid() == p.pid() ? null : byPid.get(p.ppid());
        while (a != null && !keep[a.pid()]) {
          keep[a.pid()] = true;
          a = a.ppid() == a.pid() ? null : byPid.get(a.ppid());
        }
      }
    }
    // descendants of a match: walk down from each match
    for (ProcessInfo p : all) {
      if (matched[p.pid()]) {
        markDescendants(p.pid(), keep);
      }
    }
    return keep;
  }

  // Loops with explicit stacks, not recursion: a chain of processes can be as deep as there are
  // PIDs (tens of thousands), which no thread stack holds.
  private void markDescendants(int pid, boolean[] keep) {
    int[] todo = new int[16];
    int top = 0;
    todo[top++] = pid;
    while (top > 0) {
      List<ProcessInfo> kids = childrenOf.get(todo[--top]);
      if (kids == null) {
        continue;
      }
      for (ProcessInfo k : kids) {
        if (!keep[k.pid()]) {
          keep[k.pid()] = true;
          if (top == todo.length) {
            todo = Arrays.copyOf(todo, top * 2);
          }
          todo[top++] = k.pid();
        }
      }
    }
  }

  private static boolean matches(Pattern match, ProcessInfo p) {
    if (match.matcher(p.name()).find()) {
      return true;
    }
    return p.command() != null && !p.command().isEmpty() && match.matcher(p.commandLine()).find();
  }

  /** A process whose node is being built: its sorted children, the next one to visit. */
  private static final class Pending {
    final ProcessInfo process;
    final ProcessInfo[] kids;
    final List<ProcessNode> children;
    int next;

    Pending(ProcessInfo process, ProcessInfo[] kids) {
      this.process = process;
      this.kids = kids;
      this.children = new ArrayList<>(kids.length);
    }
  }

  /** The subtree under {@code root}, depth first without recursion; each process appears once. */
  private ProcessNode subtree(
      ProcessInfo root,
      Comparator<ProcessInfo> order,
      boolean[] keep,
      IntFunction<List<ProcessThread>> threadsOf) {
    if (keep != null && !keep[root.pid()]) {
      return null;
    }
    BitSet seen = new BitSet();
    seen.set(root.pid());
    ArrayDeque<Pending> path = new ArrayDeque<>();
    path.push(pending(root, order));
    while (true) {
      Pending top = path.peek();
      if (top.next < top.kids.length) {
        ProcessInfo k = top.kids[top.next++];
        // a PID seen before (a parent loop in an inconsistent snapshot) is not shown twice
        if ((keep == null || keep[k.pid()]) && !seen.get(k.pid())) {
          seen.set(k.pid());
          path.push(pending(k, order));
        }
        continue;
      }
      path.pop();
      ProcessNode node =
          new ProcessNode(top.process, top.children, threads(top.process, threadsOf));
      if (path.isEmpty()) {
        return node;
      }
      path.peek().children.add(node);
    }
  }

  private Pending pending(ProcessInfo p, Comparator<ProcessInfo> order) {
    List<ProcessInfo> kids = childrenOf.get(p.pid());
    if (kids == null) {
      return new Pending(p, NO_PROCESSES);
    }
    ProcessInfo[] sorted = kids.toArray(NO_PROCESSES);
    Arrays.sort(sorted, order);
    return new Pending(p, sorted);
  }

  private static List<ProcessThread> threads(
      ProcessInfo p, IntFunction<List<ProcessThread>> threadsOf) {
    List<ProcessThread> threads = new ArrayList<>();
    if (threadsOf != null) {
      for (ProcessThread t : threadsOf.apply(p.pid())) {
        if (t.tid() != p.pid()) {
          threads.add(t);
        }
      }
    }
    return threads;
  }
}
