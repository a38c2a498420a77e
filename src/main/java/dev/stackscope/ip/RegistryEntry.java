package dev.stackscope.ip;

/**
 * One special-purpose block: the IANA registry's name, RFC and flags (null where the registry says
 * N/A, or for a terminated block and the blocks stackscope adds), and stackscope's verdict.
 */
public record RegistryEntry(
    String block,
    IpAddress network,
    int prefixLength,
    String name,
    String rfc,
    Boolean source,
    Boolean destination,
    Boolean forwardable,
    Boolean globallyReachable,
    Boolean reservedByProtocol,
    Verdict verdict,
    boolean fromIana) {

  /** The block as the registry writes it ({@code ::ffff:0:0/96}). */
  public String prefix() {
    return block;
  }

  public boolean contains(IpAddress a) {
    return a.inPrefix(network, prefixLength);
  }

  public IpAddress last() {
    return network.lastInPrefix(prefixLength);
  }

  /** Whether the registry lists it with no flags (terminated allocation). */
  public boolean terminated() {
    return fromIana && source == null && destination == null;
  }
}
