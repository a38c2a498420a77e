package dev.stackscope.net;

import java.util.List;

/**
 * Names network namespaces (the live one is the Host's: {@code ip netns} names, containers, {@code
 * host}, from dev.stackscope.container). Null: no name; the namespace is then shown as {@code
 * netns:[INODE]}.
 */
public interface NamespaceLabels {
  /**
   * The name of namespace {@code inode}, whose processes are {@code pids} (ascending; empty for a
   * namespace only a {@code /run/netns} file holds), or null.
   */
  String name(long inode, List<Integer> pids);

  /** No names at all. */
  static NamespaceLabels none() {
    return (inode, pids) -> null;
  }
}
