package dev.stackscope.dns.resolvconf;

import dev.stackscope.dns.Resolution;

/** The word for a query that got no usable reply: "timeout" or "error". */
final class DnsOutcome {
  private DnsOutcome() {}

  static String noReply(Resolution r) {
    for (Resolution.Attempt a : r.attempts()) {
      if (a.outcome() == Resolution.Attempt.Outcome.ERROR) {
        return "error";
      }
    }
    return "timeout";
  }
}
