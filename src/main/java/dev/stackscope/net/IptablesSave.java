package dev.stackscope.net;

import java.util.List;
import java.util.function.Supplier;

/**
 * The live NAT table: the output of {@code iptables-save -t nat} (at most {@link
 * NatRules#MOST_BYTES}, within 3 seconds), or null when the program is not installed, fails, or
 * this user may not read the table. Run only when a published port needs a rule to be followed.
 */
public final class IptablesSave implements Supplier<String> {
  private static final String[] PLACES = {"/usr/sbin/iptables-save", "/sbin/iptables-save"};

  @Override
  public String get() {
    return ProgramOutput.of(PLACES, List.of("-t", "nat"), NatRules.MOST_BYTES);
  }
}
