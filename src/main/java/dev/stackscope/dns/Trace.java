package dev.stackscope.dns;

import java.util.List;

/**
 * One iterative resolution from the root: every query it made ({@code steps}, with nested traces
 * for glueless nameservers), the final answer (the CNAME chain and the records asked for), and how
 * it ended: {@code answer}, {@code nxdomain}, {@code nodata} or {@code failed} (then {@code error},
 * see {@link TraceFailure}). {@code dnssec}, with --dnssec on the outermost trace: the verdict for
 * the answer (the weakest link of the chain of trust); null otherwise.
 */
public record Trace(
    String name,
    String unicode,
    String type,
    List<TraceStep> steps,
    List<RecordData> answer,
    Result result,
    List<RecordData> authority,
    TraceFailure error,
    int queries,
    Validation dnssec) {

  /**
   * This trace after the queries that found its root servers ({@code first}, asked of a resolver:
   * {@link TracePriming}): they come first and count.
   */
  public Trace after(List<TraceStep> first) {
    List<TraceStep> all = new java.util.ArrayList<>(first);
    all.addAll(steps);
    return new Trace(
        name,
        unicode,
        type,
        List.copyOf(all),
        answer,
        result,
        authority,
        error,
        queries + first.size(),
        dnssec);
  }

  /** How a trace ended; JSON: the lowercase word. */
  public enum Result {
    ANSWER,
    NXDOMAIN,
    NODATA,
    /** Every server of a zone failed, a cycle, or a limit: {@code error} says which. */
    FAILED;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
