package dev.stackscope.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A CIDR block: a network address (host bits zero, no zone) and its prefix length. */
public record Cidr(IpAddress network, int prefix) implements Comparable<Cidr> {
  public Cidr {
    network = network.withoutZone().network(prefix);
  }

  public IpAddress first() {
    return network;
  }

  public IpAddress last() {
    return network.lastInPrefix(prefix);
  }

  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(network.bits() - prefix);
  }

  /**
   * The blocks of length {@code newPrefix} that make up this one, in order (newPrefix ≥ prefix).
   */
  public List<Cidr> subnets(int newPrefix) {
    if (newPrefix < prefix || newPrefix > network.bits()) {
      throw new IllegalArgumentException("/" + newPrefix + " does not split /" + prefix);
    }
    List<Cidr> out = new ArrayList<>();
    IpAddress cur = network;
    IpAddress end = last();
    while (true) {
      Cidr c = new Cidr(cur, newPrefix);
      out.add(c);
      IpAddress blockEnd = c.last();
      if (blockEnd.compareTo(end) >= 0) {
        return out;
      }
      cur = blockEnd.next();
    }
  }

  @Override
  public int compareTo(Cidr o) {
    int c = network.compareTo(o.network);
    return c != 0 ? c : Integer.compare(prefix, o.prefix);
  }

  @Override
  public String toString() {
    return network + "/" + prefix;
  }
}
