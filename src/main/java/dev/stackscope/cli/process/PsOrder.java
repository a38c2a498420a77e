package dev.stackscope.cli.process;

import dev.stackscope.process.ProcessUsage;
import java.util.Comparator;

/** Row orders of {@code ps} (kept out of the command so start-up need not load them). */
final class PsOrder {
  private PsOrder() {}

  /** pid, name and start ascending; cpu and mem highest first; ties by PID. */
  static Comparator<ProcessUsage> comparator(PsCommand.SortKey key) {
    Comparator<ProcessUsage> byPid = Comparator.comparingInt(u -> u.process().pid());
    Comparator<ProcessUsage> c =
        switch (key) {
          case pid -> byPid;
          case cpu -> Comparator.comparingDouble(ProcessUsage::cpuPercent).reversed();
          case mem -> Comparator.comparingLong((ProcessUsage u) -> u.process().rss()).reversed();
          case start ->
              Comparator.comparing(
                  (ProcessUsage u) -> u.process().startTime(),
                  Comparator.nullsFirst(Comparator.naturalOrder()));
          case name -> Comparator.comparing((ProcessUsage u) -> u.process().name());
        };
    return c.thenComparing(byPid);
  }
}
