package dev.stackscope.stack;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A component while the map is being built: a root process, its classification, its processes. */
final class ComponentGroup {
  final int root;
  final Classification why;
  final Set<Integer> pids = new TreeSet<>();

  ComponentGroup(int root, Classification why) {
    this.root = root;
    this.why = why;
    pids.add(root);
  }

  /** Whether the group holds any of these processes. */
  boolean holdsAny(List<Integer> candidates) {
    for (int pid : candidates) {
      if (pids.contains(pid)) {
        return true;
      }
    }
    return false;
  }
}
