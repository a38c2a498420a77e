package dev.stackscope.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's open descriptors against its soft RLIMIT_NOFILE ({@code /proc/PID/limits}): past the
 * soft limit every open, accept and socket call fails with EMFILE. {@code softLimit} and {@code
 * hardLimit} are null when unlimited.
 */
public record DescriptorHeadroom(int open, Long softLimit, Long hardLimit) {
  /** The share of the soft limit in use from which a process is flagged. */
  public static final int NEAR_PERCENT = 80;

  /** Open descriptors as a percentage of the soft limit (rounded down), or null without one. */
  public Integer percent() {
    if (softLimit == null || softLimit == 0) {
      return null;
    }
    return (int) Math.min(100L * open / softLimit, Integer.MAX_VALUE);
  }

  /** At or above {@link #NEAR_PERCENT} of the soft limit. */
  public boolean nearLimit() {
    return softLimit != null && 100L * open >= NEAR_PERCENT * softLimit;
  }

  /**
   * The headroom of the process whose {@code /proc/PID} is {@code pidDir} with {@code open}
   * descriptors, or null when its limits cannot be read (gone, or no such file).
   */
  public static DescriptorHeadroom read(Path pidDir, int open) {
    String text;
    try {
      text = Files.readString(pidDir.resolve("limits"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
    ProcLimits.Limit l = ProcLimits.parse(text).get(ProcLimits.OPEN_FILES);
    return l == null ? null : new DescriptorHeadroom(open, l.soft(), l.hard());
  }
}
