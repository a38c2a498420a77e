package dev.stackscope.dns.resolvconf;

import java.util.function.IntUnaryOperator;

/**
 * glibc's {@code options rotate} offset over the lookups of one process (its nameserver_offset, a
 * static): drawn at random once, then one server further for each res_send call, one per candidate
 * asked. Pass one instance to each {@link ProcessLookup#run} of a run, and tell it {@link #after}
 * each lookup, so that the second name goes on where the first left off.
 */
public final class RotationOffset implements IntUnaryOperator {
  private final IntUnaryOperator random;
  private Integer next;

  /**
   * @param random given the number of servers, one of them at random (drawn once)
   */
  public RotationOffset(IntUnaryOperator random) {
    this.random = random;
  }

  @Override
  public synchronized int applyAsInt(int servers) {
    if (next == null) {
      next = random.applyAsInt(servers);
    }
    return Math.floorMod(next, servers);
  }

  /** Moves on past the candidates {@code lookup} asked (nothing without rotate). */
  public synchronized void after(ProcessLookup.Lookup lookup) {
    int first =
        lookup.rotateFirst() == null ? -1 : lookup.nameservers().indexOf(lookup.rotateFirst());
    if (first < 0) {
      return;
    }
    long candidates = lookup.queries().stream().map(ProcessLookup.Query::name).distinct().count();
    next = first + (int) candidates;
  }
}
