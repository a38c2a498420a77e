package dev.stackscope.container;

import dev.stackscope.os.FileBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a process's cgroup limits and use from the cgroup file system ({@code /sys/fs/cgroup}):
 * cgroup v2 files where its unified hierarchy has them (mounted at the root, or at {@code unified/}
 * on a hybrid machine), v1 controllers' otherwise. A limit is the tightest along the cgroup's path,
 * with the ancestor that sets it. Parsing is separate from reading, for tests.
 */
public final class CgroupLimits {
  /** v1 writes "no limit" as the largest page-aligned long. */
  static final long V1_UNLIMITED = 1L << 62;

  private final Path root;

  public CgroupLimits(Path root) {
    this.root = root;
  }

  /**
   * The limits of the cgroups {@code cgroups} names: each the tightest along the cgroup's path (its
   * own and every ancestor's, as the kernel enforces them), use and throttling its own.
   */
  public ResourceLimits read(Cgroups cgroups) {
    Dir v2 = v2Dir(cgroups);
    FileBytes buf = new FileBytes(512);
    ResourceLimits.Usage memory = null;
    if (v2 != null && read(buf, v2.own().resolve("memory.max"))) {
      memory = usage(buf, v2, "memory.max", "memory.current");
    } else {
      Dir d = v1Dir(cgroups, "memory");
      if (d != null && read(buf, d.own().resolve("memory.limit_in_bytes"))) {
        memory = usage(buf, d, "memory.limit_in_bytes", "memory.usage_in_bytes");
      }
    }
    ResourceLimits.CpuQuota cpu = null;
    if (v2 != null && read(buf, v2.own().resolve("cpu.max"))) {
      cpu = cpuQuota(buf, v2, true);
    } else {
      Dir d = v1Dir(cgroups, "cpu");
      if (d != null && read(buf, d.own().resolve("cpu.cfs_quota_us"))) {
        cpu = cpuQuota(buf, d, false);
      }
    }
    ResourceLimits.Usage pids = null;
    if (v2 != null && read(buf, v2.own().resolve("pids.max"))) {
      pids = usage(buf, v2, "pids.max", "pids.current");
    } else {
      Dir d = v1Dir(cgroups, "pids");
      if (d != null && read(buf, d.own().resolve("pids.max"))) {
        pids = usage(buf, d, "pids.max", "pids.current");
      }
    }
    Map<String, ResourceLimits.Pressure> pressure = new LinkedHashMap<>();
    if (v2 != null) {
      for (String r : new String[] {"cpu", "memory", "io"}) {
        if (read(buf, v2.own().resolve(r + ".pressure"))) {
          ResourceLimits.Pressure p = parsePressure(buf.text());
          if (p != null) {
            pressure.put(r, p);
          }
        }
      }
    }
    if (memory == null && cpu == null && pids == null && pressure.isEmpty()) {
      return ResourceLimits.NONE;
    }
    return new ResourceLimits(memory, cpu, pids, Collections.unmodifiableMap(pressure));
  }

  /**
   * A cgroup's directory in one hierarchy.
   *
   * @param base the hierarchy's mount (its root cgroup)
   * @param own the process's cgroup in it
   */
  private record Dir(Path base, Path own) {
    /**
     * The directories from {@code own} up to below {@code base}, at most {@link #MAX_DEPTH}: the
     * root cgroup has no limits (v2 has no files for them, v1's cannot be set).
     */
    List<Path> upwards() {
      List<Path> out = new ArrayList<>();
      for (Path d = own;
          d != null && d.startsWith(base) && !d.equals(base) && out.size() < MAX_DEPTH;
          d = d.getParent()) {
        out.add(d);
      }
      return out;
    }

    /** A directory's cgroup path ({@code /kubepods.slice}, {@code /} for the root). */
    String cgroupPath(Path d) {
      return "/" + base.relativize(d).toString();
    }
  }

  /** At most this many cgroups are read up a path (the kernel nests a few dozen at most). */
  static final int MAX_DEPTH = 64;

  /** The tightest of {@code limitFile} up the path against the own {@code currentFile}. */
  private static ResourceLimits.Usage usage(
      FileBytes buf, Dir dir, String limitFile, String currentFile) {
    Long max = null;
    Path at = null;
    for (Path d : dir.upwards()) {
      Long v = read(buf, d.resolve(limitFile)) ? limit(buf.text()) : null;
      if (v != null && v >= 0 && (max == null || v < max)) {
        max = v;
        at = d;
      }
    }
    if (max == null && read(buf, dir.own().resolve(limitFile))) {
      max = limit(buf.text()); // -1: the own file is not a number, as before
    }
    long current = value(buf, dir.own().resolve(currentFile));
    return new ResourceLimits.Usage(max, current, inherited(dir, at));
  }

  /** The tightest CPU quota (fewest CPUs) up the path, the own cgroup's throttling. */
  private static ResourceLimits.CpuQuota cpuQuota(FileBytes buf, Dir dir, boolean v2) {
    long[] own = v2 ? cpuMaxAt(buf, dir.own()) : cfsAt(buf, dir.own());
    if (own == null) {
      return null; // its own quota unreadable: nothing to say
    }
    long[] best = null;
    Path at = null;
    for (Path d : dir.upwards()) {
      long[] qp = v2 ? cpuMaxAt(buf, d) : cfsAt(buf, d);
      if (qp != null
          && qp[0] >= 0
          && (best == null || (double) qp[0] / qp[1] < (double) best[0] / best[1])) {
        best = qp;
        at = d;
      }
    }
    long[] shown = best != null ? best : own;
    Path statDir = dir.own();
    long[] st = read(buf, statDir.resolve("cpu.stat")) ? parseCpuStat(buf.text()) : NO_STAT;
    return new ResourceLimits.CpuQuota(
        shown[0] < 0 ? null : shown[0], shown[1], st[0], st[1], inherited(dir, at));
  }

  private static long[] cpuMaxAt(FileBytes buf, Path d) {
    return read(buf, d.resolve("cpu.max")) ? parseCpuMax(buf.text()) : null;
  }

  private static long[] cfsAt(FileBytes buf, Path d) {
    if (!read(buf, d.resolve("cpu.cfs_quota_us"))) {
      return null;
    }
    long quota = number(buf.text());
    long period = value(buf, d.resolve("cpu.cfs_period_us"));
    return period > 0 ? new long[] {quota, period} : null;
  }

  /** The ancestor's cgroup path when the limit comes from one, else null. */
  private static String inherited(Dir dir, Path at) {
    return at == null || at.equals(dir.own()) ? null : dir.cgroupPath(at);
  }

  private Dir v2Dir(Cgroups cgroups) {
    if (cgroups.unified() == null) {
      return null;
    }
    Path base = Files.exists(root.resolve("cgroup.controllers")) ? root : root.resolve("unified");
    Path own = inside(base, cgroups.unified());
    return own == null ? null : new Dir(base.normalize(), own);
  }

  private Dir v1Dir(Cgroups cgroups, String controller) {
    Cgroups.Hierarchy h = cgroups.v1Hierarchy(controller);
    if (h == null) {
      return null;
    }
    Path joined = root.resolve(String.join(",", h.controllers()));
    Path base = Files.isDirectory(joined) ? joined : root.resolve(controller);
    Path own = inside(base, h.path());
    return own == null ? null : new Dir(base.normalize(), own);
  }

  /** {@code base} + the cgroup path, or null when the path would leave {@code base}. */
  private static Path inside(Path base, String cgroupPath) {
    String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    Path p = base.resolve(rel).normalize();
    return p.startsWith(base) ? p : null;
  }

  private static final long[] NO_STAT = {-1, -1};

  private static boolean read(FileBytes buf, Path file) {
    return buf.read(file.toString()) && buf.length() < 64 * 1024;
  }

  private static long value(FileBytes buf, Path file) {
    return read(buf, file) ? number(buf.text()) : -1;
  }

  /**
   * A limit file's value: null for none ({@code max}, or v1's huge "unlimited"), the number, or -1
   * when it is not a number.
   */
  static Long limit(String text) {
    String t = text.trim();
    if (t.equals("max")) {
      return null;
    }
    long v = number(t);
    return v >= V1_UNLIMITED ? null : v;
  }

  /** A decimal number, -1 when it is not one (a negative one included) or overflows. */
  static long number(String text) {
    return Decimal.parse(text.trim());
  }

  /** {@code cpu.max} ({@code "max 100000"}, {@code "50000 100000"}): {quota or -1, period}. */
  static long[] parseCpuMax(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 2) {
      return null;
    }
    long period = number(f[1]);
    if (period <= 0) {
      return null;
    }
    if (f[0].equals("max")) {
      return new long[] {-1, period};
    }
    long quota = number(f[0]);
    return quota < 0 ? null : new long[] {quota, period};
  }

  /** {@code cpu.stat}'s {nr_periods, nr_throttled}, -1 where absent. */
  static long[] parseCpuStat(String text) {
    long periods = -1;
    long throttled = -1;
    for (String line : text.split("\n", 64)) {
      int sp = line.indexOf(' ');
      if (sp < 0) {
        continue;
      }
      String key = line.substring(0, sp);
      if (key.equals("nr_periods")) {
        periods = number(line.substring(sp + 1));
      } else if (key.equals("nr_throttled")) {
        throttled = number(line.substring(sp + 1));
      }
    }
    return new long[] {periods, throttled};
  }

  /**
   * A {@code *.pressure} file: {@code some avg10=0.12 avg60=… avg300=… total=…} and a {@code full}
   * line; null without a well-formed {@code some} line.
   */
  static ResourceLimits.Pressure parsePressure(String text) {
    double[] some = null;
    double[] full = null;
    for (String line : text.split("\n", 8)) {
      if (line.startsWith("some ")) {
        some = averages(line);
      } else if (line.startsWith("full ")) {
        full = averages(line);
      }
    }
    if (some == null) {
      return null;
    }
    return new ResourceLimits.Pressure(
        some[0], some[1], full == null ? null : full[0], full == null ? null : full[1]);
  }

  private static double[] averages(String line) {
    double avg10 = Double.NaN;
    double avg60 = Double.NaN;
    for (String f : line.split(" ", 8)) {
      if (f.startsWith("avg10=")) {
        avg10 = percent(f.substring(6));
      } else if (f.startsWith("avg60=")) {
        avg60 = percent(f.substring(6));
      }
    }
    return Double.isNaN(avg10) || Double.isNaN(avg60) ? null : new double[] {avg10, avg60};
  }

  private static double percent(String s) {
    if (s.isEmpty() || s.length() > 12 || !s.matches("\\d+(\\.\\d+)?")) {
      return Double.NaN;
    }
    double v = Double.parseDouble(s);
    return v <= 100 ? v : Double.NaN;
  }
}
