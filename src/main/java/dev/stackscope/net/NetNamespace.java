package dev.stackscope.net;

/**
 * A network namespace: its inode (as in {@code /proc/PID/ns/net}: {@code net:[4026531833]}) and its
 * name, or null when it has none ({@code ip netns} names, or its container's, as {@link
 * NamespaceLabels} gives them). Serialised as {@code {inode, name}}.
 */
public record NetNamespace(long inode, String name) {
  /** The name, or {@code netns:[INODE]} for a namespace without one. */
  public String label() {
    return name != null ? name : "netns:[" + inode + "]";
  }
}
