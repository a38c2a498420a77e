package dev.stackscope.stack;

/**
 * What one component uses, summed over its process tree.
 *
 * @param cpuPercent CPU time used during the sample as a percentage of one core (may pass 100);
 *     null when not sampled ({@code --sample 0})
 * @param rssBytes resident memory
 * @param threads threads
 * @param processes processes
 * @param descriptors open file descriptors; null when none could be counted (another user's)
 * @param descriptorPid the process nearest its descriptor limit, or null when no limit was read
 * @param descriptorOpen that process's open descriptors
 * @param descriptorLimit that process's soft RLIMIT_NOFILE (null when unlimited or unknown)
 * @param descriptorPercent {@code descriptorOpen} as a percentage of {@code descriptorLimit}
 * @param nearLimit a process at or above 80 % of its descriptor limit
 */
public record ComponentResources(
    Double cpuPercent,
    long rssBytes,
    int threads,
    int processes,
    Integer descriptors,
    Integer descriptorPid,
    Integer descriptorOpen,
    Long descriptorLimit,
    Integer descriptorPercent,
    boolean nearLimit) {}
