package dev.stackscope.os;

/**
 * A network namespace: its inode (as in {@code /proc/PID/ns/net}: {@code net:[4026531833]}) and the
 * name it is known by — an {@code ip netns} name, the container it belongs to, {@code host}, or
 * null (shown as {@code netns:[INODE]}). The JSON shape of {@code netns} everywhere: {@code {inode,
 * name}}.
 */
public record NetworkNamespace(long inode, String name) {
  /** The name, or {@code netns:[INODE]} for a namespace without one. */
  public String label() {
    return name != null ? name : "netns:[" + inode + "]";
  }
}
