package dev.stackscope.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive address range, its size and the fewest CIDR blocks that cover it exactly. */
public record RangeInfo(IpAddress first, IpAddress last, BigInteger size, List<String> cidrs) {

  public static RangeInfo of(IpAddress first, IpAddress last) {
    BigInteger size = last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    return new RangeInfo(first, last, size, cover(first, last));
  }

  /** The minimal list of CIDR blocks whose union is exactly first..last. */
  static List<String> cover(IpAddress first, IpAddress last) {
    List<String> out = new ArrayList<>();
    for (Cidr c : AddressSet.cover(first, last)) {
      out.add(c.toString());
    }
    return out;
  }
}
