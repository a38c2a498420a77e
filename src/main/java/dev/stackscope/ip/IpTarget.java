package dev.stackscope.ip;

/** What one input names: a single address, a CIDR block, or a first-last range. */
public sealed interface IpTarget {
  int version();

  /** One address. */
  record Single(IpAddress address) implements IpTarget {
    @Override
    public int version() {
      return address.version();
    }
  }

  /**
   * A CIDR block as written: {@code address} may have host bits set ({@code 10.1.2.3/24}, an
   * interface address); the network is {@code address.network(prefix)}.
   */
  record Block(IpAddress address, int prefix) implements IpTarget {
    @Override
    public int version() {
      return address.version();
    }

    public IpAddress network() {
      return address.network(prefix);
    }

    /** Whether host bits were set in the text ({@code 10.1.2.3/24}). */
    public boolean hasHostBits() {
      return !address.withoutZone().equals(network());
    }
  }

  /** An inclusive range {@code first-last}, first not after last. */
  record Span(IpAddress first, IpAddress last) implements IpTarget {
    @Override
    public int version() {
      return first.version();
    }
  }
}
