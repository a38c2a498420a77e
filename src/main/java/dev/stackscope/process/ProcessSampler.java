package dev.stackscope.process;

import dev.stackscope.os.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples CPU use: two snapshots {@code interval} apart, and the CPU time each process consumed in
 * between. With a zero interval, the average over each process's lifetime (what ps shows).
 */
public final class ProcessSampler {
  private final ProcessSource source;
  private final Clock clock;
  private final Sleeper sleeper;

  public ProcessSampler(ProcessSource source, Clock clock, Sleeper sleeper) {
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A sampler that sleeps between the snapshots and times them with {@code clock}. */
  public static ProcessSampler sleeping(ProcessSource source, Clock clock) {
    return new ProcessSampler(source, clock, Sleeper.THREAD);
  }

  public List<ProcessUsage> sample(ProcessFields fields, Duration interval)
      throws InterruptedException {
    Map<Integer, ProcessInfo> before = new HashMap<>();
    long t0 = clock.millis();
    if (!interval.isZero()) {
      for (ProcessInfo p : source.snapshot(ProcessFields.BASIC)) {
        before.put(p.pid(), p);
      }
      sleeper.sleep(interval);
    }
    List<ProcessInfo> after = source.snapshot(fields);
    long t1 = clock.millis();
    List<ProcessUsage> usage = new ArrayList<>(after.size());
    for (ProcessInfo p : after) {
      ProcessInfo b = before.get(p.pid());
      double pct;
      if (b != null && sameProcess(b, p) && t1 > t0) {
        pct = 100.0 * Math.max(0, p.cpuTimeMillis() - b.cpuTimeMillis()) / (t1 - t0);
      } else {
        pct = lifetimePercent(p, t1);
      }
      usage.add(new ProcessUsage(p, pct));
    }
    return usage;
  }

  private static boolean sameProcess(ProcessInfo a, ProcessInfo b) {
    return a.startTime() == null || a.startTime().equals(b.startTime());
  }

  static double lifetimePercent(ProcessInfo p, long nowMillis) {
    Instant start = p.startTime();
    if (start == null) {
      return 0;
    }
    long lived = nowMillis - start.toEpochMilli();
    return lived <= 0 ? 0 : 100.0 * p.cpuTimeMillis() / lived;
  }
}
