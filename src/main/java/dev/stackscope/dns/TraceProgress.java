package dev.stackscope.dns;

/**
 * Told by a {@link Tracer} as each query goes out (on the trace's thread), so that a caller can
 * show what a trace is waiting on; the tracer itself never prints.
 */
public interface TraceProgress {
  /**
   * Query number {@code query} of the trace (nested lookups of nameserver addresses included) goes
   * to {@code server} (a nameserver's name) at {@code address} asking {@code question} ("NAME
   * TYPE").
   */
  void asking(String server, String address, String question, int query);

  TraceProgress NONE = (server, address, question, query) -> {};
}
