package dev.stackscope.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sample saw of the listeners' pressure: how much the kernel's {@code ListenOverflows} and
 * {@code ListenDrops} counters grew during it (null when {@code /proc/net/netstat} could not be
 * read), and the listeners whose accept queue was seen at its limit, each with the longest queue
 * seen.
 */
public record ListenPressure(
    Duration duration, Long listenOverflows, Long listenDrops, List<ListenQueue> seenFull) {
  public ListenPressure {
    seenFull = List.copyOf(seenFull);
  }

  /** Something to say: a counter grew or a listener was seen full. */
  public boolean any() {
    return (listenOverflows != null && listenOverflows > 0)
        || (listenDrops != null && listenDrops > 0)
        || !seenFull.isEmpty();
  }

  /** Collects queue snapshots between two counter readings. */
  public static final class Recorder {
    private final NetStat before;
    private final Map<Long, ListenQueue> full = new LinkedHashMap<>();

    public Recorder(NetStat before) {
      this.before = before;
    }

    /** One snapshot of the queues: the full ones are remembered with their longest queue. */
    public void saw(ListenQueues queues) {
      for (ListenQueue q : queues.full()) {
        ListenQueue old = full.get(q.inode());
        if (old == null || q.queued() > old.queued()) {
          full.put(q.inode(), q);
        }
      }
    }

    /** The pressure between the first counter reading and {@code after}. */
    public ListenPressure finish(NetStat after, Duration duration) {
      return new ListenPressure(
          duration,
          before == null ? null : before.delta(after, NetStat.LISTEN_OVERFLOWS),
          before == null ? null : before.delta(after, NetStat.LISTEN_DROPS),
          new ArrayList<>(full.values()));
    }
  }
}
