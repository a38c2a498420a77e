package dev.stackscope.cli.stack;

import dev.stackscope.stack.Explanation.AddressStep;

/**
 * The words for the way a packet to another host leaves this one ({@code explain}'s "leaves by").
 */
final class LeavesBy {
  private LeavesBy() {}

  static String text(AddressStep a) {
    if (a.onLink()) {
      return a.interfaceName() == null
          ? "directly (on-link), but a link-local address needs a zone to say on which interface"
              + " ("
              + a.address()
              + "%IFACE)"
          : "directly on " + a.interfaceName() + " (on-link, no gateway)";
    }
    if (a.gateway() == null) {
      return "no route";
    }
    return a.gateway() + (a.interfaceName() == null ? "" : " dev " + a.interfaceName());
  }
}
