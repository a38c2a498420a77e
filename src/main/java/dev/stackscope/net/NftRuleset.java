package dev.stackscope.net;

import java.util.List;
import java.util.function.Supplier;

/**
 * The live nftables ruleset as JSON: the output of {@code nft -j list ruleset} (at most {@link
 * NftRules#MOST_BYTES}, within 3 seconds), or null when nft is not installed, fails, or this user
 * may not list the ruleset (it needs CAP_NET_ADMIN). Run only when a published port has no iptables
 * rule that leads it on (netavark's nftables backend, rulesets written for nft).
 */
public final class NftRuleset implements Supplier<String> {
  private static final String[] PLACES = {"/usr/sbin/nft", "/sbin/nft"};

  @Override
  public String get() {
    return ProgramOutput.of(PLACES, List.of("-j", "list", "ruleset"), NftRules.MOST_BYTES);
  }
}
