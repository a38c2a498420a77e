package dev.stackscope.container;

/**
 * A network namespace: its inode and the name it is known by — an {@code ip netns} name, the
 * container it belongs to, or null (shown as {@code netns:[INODE]}). The JSON shape of {@code
 * netns}.
 */
public record NetworkNamespace(long inode, String name) {
  /** The name, or {@code netns:[INODE]}. */
  public String label() {
    return name != null ? name : "netns:[" + inode + "]";
  }
}
