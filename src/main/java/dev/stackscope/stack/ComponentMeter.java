package dev.stackscope.stack;

import dev.stackscope.process.DescriptorHeadroom;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.stack.StackMap.Component;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each component's resources summed over its processes: CPU use between a first reading of the
 * processes' CPU times and now, memory, threads, and open descriptors against each process's soft
 * limit ({@code <proc>/PID/fd} and {@code limits}).
 */
public final class ComponentMeter {
  private final ProcessSource processes;
  private final Path proc;

  public ComponentMeter(ProcessSource processes, Path proc) {
    this.processes = processes;
    this.proc = proc;
  }

  /**
   * The resources of every component of {@code map} by id.
   *
   * @param before the processes read at {@code beforeNanos} ({@link System#nanoTime()}); null for
   *     no CPU figure
   */
  public Map<String, ComponentResources> measure(
      StackMap map, Map<Integer, ProcessInfo> before, long beforeNanos) {
    Map<String, ComponentResources> out = new HashMap<>();
    for (Component c : map.components()) {
      long cpuMillis = 0;
      boolean cpuKnown = before != null;
      long rss = 0;
      int threads = 0;
      int procs = 0;
      Integer descriptors = null;
      DescriptorHeadroom worst = null;
      Integer worstPid = null;
      for (int pid : c.pids()) {
        ProcessInfo now = processes.process(pid).orElse(null);
        if (now == null) {
          continue; // gone since the snapshot
        }
        procs++;
        rss += Math.max(0, now.rss());
        threads += Math.max(0, now.threads());
        ProcessInfo then = before == null ? null : before.get(pid);
        if (then != null && Objects.equals(then.startTime(), now.startTime())) {
          cpuMillis += Math.max(0, now.cpuTimeMillis() - then.cpuTimeMillis());
        }
        Path dir = proc.resolve(Integer.toString(pid));
        String[] fds = new File(dir.resolve("fd").toString()).list();
        if (fds == null) {
          continue; // another user's, without root
        }
        descriptors = (descriptors == null ? 0 : descriptors) + fds.length;
        DescriptorHeadroom h = DescriptorHeadroom.read(dir, fds.length);
        if (h != null && h.percent() != null && (worst == null || h.percent() > worst.percent())) {
          worst = h;
          worstPid = pid;
        }
      }
      Double cpu = null;
      if (cpuKnown) {
        long elapsedMillis = (System.nanoTime() - beforeNanos) / 1_000_000;
        cpu = elapsedMillis <= 0 ? 0.0 : Math.round(1000.0 * cpuMillis / elapsedMillis) / 10.0;
      }
      out.put(
          c.id(),
          new ComponentResources(
              cpu,
              rss,
              threads,
              procs,
              descriptors,
              worstPid,
              worst == null ? null : worst.open(),
              worst == null ? null : worst.softLimit(),
              worst == null ? null : worst.percent(),
              worst != null && worst.nearLimit()));
    }
    return out;
  }
}
