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
    int bits = first.bits();
    IpAddress cur = first.withoutZone();
    IpAddress end = last.withoutZone();
    while (true) {
      int prefix = bits;
      // widen while the block stays aligned on cur and ends at or before the end
      while (prefix > 0
          && cur.network(prefix - 1).equals(cur)
          && cur.lastInPrefix(prefix - 1).compareTo(end) <= 0) {
        prefix--;
      }
      out.add(cur + "/" + prefix);
      IpAddress blockEnd = cur.lastInPrefix(prefix);
      if (blockEnd.compareTo(end) >= 0 || blockEnd.isMax()) {
        return out;
      }
      cur = blockEnd.next();
    }
  }
}
