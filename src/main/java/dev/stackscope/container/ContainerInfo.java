package dev.stackscope.container;

/**
 * A container as shown: what its cgroup path says, with what its runtime's state files add. The
 * JSON shape of {@code container} everywhere. Parts the state files did not tell are null.
 *
 * @param runtime {@code docker}, {@code podman}, {@code containerd}, {@code cri-o}, {@code
 *     kubernetes}, {@code lxc}, {@code systemd-nspawn}
 * @param id the runtime's id (the name for LXC and systemd-nspawn)
 * @param name the container's name
 * @param image the image it was created from
 * @param pod the Kubernetes pod's name
 * @param podNamespace the Kubernetes pod's namespace
 * @param configured how the runtime was asked to run it (docker's {@code hostconfig.json}), or null
 */
public record ContainerInfo(
    String runtime,
    String id,
    String name,
    String image,
    String pod,
    String podNamespace,
    ContainerConfig configured) {

  /** A container of which no configuration is known. */
  public ContainerInfo(
      String runtime, String id, String name, String image, String pod, String podNamespace) {
    this(runtime, id, name, image, pod, podNamespace, null);
  }

  /** The name, or the id's first 12 characters when there is no name. */
  public String label() {
    if (name != null) {
      return name;
    }
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /**
   * Whether {@code query} is this container's name, or a prefix of its id where the id is the
   * runtime's hex id (LXC and systemd-nspawn containers go by their names alone).
   */
  public boolean matches(String query) {
    return query.equals(name)
        || query.equals(id)
        || (!query.isEmpty() && CgroupPaths.isHex(id) && id.startsWith(query));
  }
}
