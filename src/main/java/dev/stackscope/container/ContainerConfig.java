package dev.stackscope.container;

import java.util.List;

/**
 * How a container was configured to run, as its runtime recorded it (docker's {@code
 * hostconfig.json}): the limits asked for, beside which the cgroup's own are shown, the network
 * mode, the restart policy and the ports asked to be published. The JSON shape of {@code
 * container.configured}; a part not set is null.
 *
 * @param networkMode {@code bridge}, {@code host}, {@code none}, {@code container:ID} or a network
 * @param restartPolicy {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure}
 * @param restartRetries {@code on-failure}'s maximum retry count (null: 0 or not set)
 * @param memory the memory limit in bytes ({@code --memory})
 * @param cpus CPUs allowed ({@code --cpus}, or {@code --cpu-quota} over {@code --cpu-period})
 * @param pidsLimit the most tasks ({@code --pids-limit})
 * @param portBindings the ports asked to be published ({@code -p})
 */
public record ContainerConfig(
    String networkMode,
    String restartPolicy,
    Integer restartRetries,
    Long memory,
    Double cpus,
    Long pidsLimit,
    List<PortBinding> portBindings) {

  /**
   * One {@code -p}: the container's port and protocol, the host address (null: every address) and
   * port (null: one the runtime chose).
   */
  public record PortBinding(int containerPort, String protocol, String hostIp, Integer hostPort) {}
}
