package dev.stackscope.container;

/** What runs a container, as told by its cgroup path. */
public enum Runtime {
  DOCKER("docker"),
  PODMAN("podman"),
  CONTAINERD("containerd"),
  CRIO("cri-o"),
  /** A Kubernetes pod's container whose cgroup path (cgroupfs driver) does not name the runtime. */
  KUBERNETES("kubernetes"),
  LXC("lxc"),
  NSPAWN("systemd-nspawn");

  private final String text;

  Runtime(String text) {
    this.text = text;
  }

  /** The name shown and written to JSON: {@code docker}, {@code cri-o}, {@code systemd-nspawn}. */
  @Override
  public String toString() {
    return text;
  }
}
