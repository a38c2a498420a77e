package dev.stackscope.container;

import java.util.Map;

/**
 * A process's cgroup limits against its use: each limit the tightest along its cgroup's path (its
 * own cgroup's or an ancestor's, which the kernel enforces as well). Each part is null when its
 * controller's files are absent (no such controller, or not readable).
 *
 * @param memory bytes used against the limit (v2 {@code memory.max}/{@code memory.current}, v1
 *     {@code memory.limit_in_bytes}/{@code memory.usage_in_bytes})
 * @param cpu the CPU quota and how many periods were throttled
 * @param pids tasks against {@code pids.max}
 * @param pressure PSI by resource ("cpu", "memory", "io"), where the kernel has it
 */
public record ResourceLimits(
    Usage memory, CpuQuota cpu, Usage pids, Map<String, Pressure> pressure) {

  /** Share of a limit at or above which a use is "near the limit", in percent. */
  public static final int NEAR_PERCENT = 80;

  /** Nothing known. */
  public static final ResourceLimits NONE = new ResourceLimits(null, null, null, Map.of());

  /**
   * A use against a limit.
   *
   * @param max the limit, the tightest along the cgroup's path; null when there is none
   * @param current the use now; -1 when unknown
   * @param inheritedFrom the ancestor cgroup whose limit {@code max} is ({@code /kubepods.slice});
   *     null when the process's own cgroup sets it, or nothing does
   */
  public record Usage(Long max, long current, String inheritedFrom) {
    /** A use against its own cgroup's limit. */
    public Usage(Long max, long current) {
      this(max, current, null);
    }

    /** The use as a whole percentage of the limit; null without a limit or a use. */
    public Integer percent() {
      if (max == null || current < 0 || max <= 0) {
        return null;
      }
      return (int) Math.min(100L * 1000, (current * 100.0) / max);
    }

    /** At {@link #NEAR_PERCENT} % of the limit or more. */
    public boolean nearLimit() {
      Integer p = percent();
      return p != null && p >= NEAR_PERCENT;
    }
  }

  /**
   * A CPU quota.
   *
   * @param quotaMicros CPU time allowed per period; null when unlimited
   * @param periodMicros the period's length
   * @param periods periods that have elapsed with the cgroup runnable ({@code nr_periods}); -1 when
   *     unknown
   * @param throttled of those, periods in which it was throttled ({@code nr_throttled}); -1 when
   *     unknown
   * @param inheritedFrom the ancestor cgroup whose quota (the fewest CPUs along the path) this is;
   *     null when the process's own cgroup sets it, or none does
   */
  public record CpuQuota(
      Long quotaMicros, long periodMicros, long periods, long throttled, String inheritedFrom) {
    /** Its own cgroup's quota. */
    public CpuQuota(Long quotaMicros, long periodMicros, long periods, long throttled) {
      this(quotaMicros, periodMicros, periods, throttled, null);
    }

    /** The quota in CPUs (0.5: half a core), null when unlimited. */
    public Double cpus() {
      return quotaMicros == null || periodMicros <= 0
          ? null
          : Math.round(quotaMicros * 100.0 / periodMicros) / 100.0;
    }

    /** The share of periods throttled in whole percent, null when no period elapsed. */
    public Integer throttledPercent() {
      return periods > 0 && throttled >= 0 ? (int) (throttled * 100 / periods) : null;
    }

    /** Throttled in {@link #NEAR_PERCENT} % of the periods or more... or in any at all. */
    public boolean nearLimit() {
      Integer p = throttledPercent();
      return p != null && p >= 10;
    }
  }

  /**
   * Pressure stall information: the share of time some (or all, "full") tasks waited, averaged over
   * 10 and 60 seconds, in percent; full is null for cpu on older kernels.
   */
  public record Pressure(double some10, double some60, Double full10, Double full60) {}
}
