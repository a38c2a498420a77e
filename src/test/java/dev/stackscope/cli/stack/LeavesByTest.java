package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.ip.Verdict;
import dev.stackscope.stack.Explanation.AddressStep;
import org.junit.jupiter.api.Test;

class LeavesByTest {
  static AddressStep step(String address, String gateway, String iface, boolean onLink) {
    return new AddressStep(address, (Verdict) null, "", false, null, gateway, iface, onLink);
  }

  @Test
  void theWordsForEachWayOut() {
    assertEquals(
        "192.0.2.1 dev eth0", LeavesBy.text(step("198.51.100.7", "192.0.2.1", "eth0", false)));
    assertEquals(
        "directly on eth0 (on-link, no gateway)",
        LeavesBy.text(step("192.0.2.77", null, "eth0", true)));
    assertEquals(
        "directly (on-link), but a link-local address needs a zone to say on which"
            + " interface (fe80::1%IFACE)",
        LeavesBy.text(step("fe80::1", null, null, true)));
    assertEquals("no route", LeavesBy.text(step("2001:db8::1", null, null, false)));
  }
}
