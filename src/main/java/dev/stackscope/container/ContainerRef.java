package dev.stackscope.container;

/**
 * A container as its cgroup path names it.
 *
 * @param runtime what runs it
 * @param id the runtime's id (64 hex digits for docker, podman, containerd and CRI-O; the name for
 *     LXC and systemd-nspawn)
 * @param podUid the Kubernetes pod's UID when the path names one, else null
 */
public record ContainerRef(Runtime runtime, String id, String podUid) {}
