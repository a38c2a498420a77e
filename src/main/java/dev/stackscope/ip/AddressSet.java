package dev.stackscope.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of IP addresses as sorted, disjoint, non-adjacent inclusive intervals, IPv4 before IPv6
 * (the two families never merge). Built from any mix of addresses, CIDR blocks and ranges; the set
 * arithmetic of Python's {@code collapse_addresses} and {@code address_exclude}, mapcidr and
 * grepcidr: union, difference, intersection, and the fewest CIDR blocks that cover it exactly.
 */
public final class AddressSet {
  /** One inclusive interval, first not after last, both of one family and without zone. */
  public record Interval(IpAddress first, IpAddress last) {
    public static Interval of(IpTarget target) {
      if (target instanceof IpTarget.Block b) {
        return new Interval(b.network(), b.network().lastInPrefix(b.prefix()));
      }
      if (target instanceof IpTarget.Span s) {
        return new Interval(s.first().withoutZone(), s.last().withoutZone());
      }
      IpAddress a = ((IpTarget.Single) target).address().withoutZone();
      return new Interval(a, a);
    }

    public boolean overlaps(Interval o) {
      return first.version() == o.first.version()
          && first.compareTo(o.last) <= 0
          && o.first.compareTo(last) <= 0;
    }

    public BigInteger size() {
      return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    }
  }

  private static final AddressSet EMPTY = new AddressSet(List.of());
  private final List<Interval> intervals;

  private AddressSet(List<Interval> intervals) {
    this.intervals = intervals;
  }

  /** The union of {@code intervals} (any order, overlapping or not). */
  public static AddressSet union(List<Interval> intervals) {
    if (intervals.isEmpty()) {
      return EMPTY;
    }
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::first));
    List<Interval> out = new ArrayList<>();
    IpAddress first = sorted.get(0).first();
    IpAddress last = sorted.get(0).last();
    for (int i = 1; i < sorted.size(); i++) {
      Interval next = sorted.get(i);
      boolean sameFamily = next.first().version() == last.version();
      // merge when it overlaps or touches (last + 1 == next.first)
      if (sameFamily
          && (next.first().compareTo(last) <= 0
              || (!last.isMax() && next.first().equals(last.next())))) {
        if (next.last().compareTo(last) > 0) {
          last = next.last();
        }
      } else {
        out.add(new Interval(first, last));
        first = next.first();
        last = next.last();
      }
    }
    out.add(new Interval(first, last));
    return new AddressSet(out);
  }

  public static AddressSet of(List<IpTarget> targets) {
    List<Interval> intervals = new ArrayList<>(targets.size());
    for (IpTarget t : targets) {
      intervals.add(Interval.of(t));
    }
    return union(intervals);
  }

  public List<Interval> intervals() {
    return intervals;
  }

  public boolean isEmpty() {
    return intervals.isEmpty();
  }

  /** How many addresses the set holds. */
  public BigInteger size() {
    BigInteger n = BigInteger.ZERO;
    for (Interval i : intervals) {
      n = n.add(i.size());
    }
    return n;
  }

  /** The addresses of this set that are not in {@code other}. */
  public AddressSet minus(AddressSet other) {
    List<Interval> out = new ArrayList<>();
    int j = 0;
    List<Interval> cut = other.intervals;
    for (Interval i : intervals) {
      IpAddress first = i.first();
      IpAddress last = i.last();
      boolean left = true;
      // skip the cuts wholly before this interval
      while (j < cut.size() && before(cut.get(j), first)) {
        j++;
      }
      int k = j;
      while (left && k < cut.size() && cut.get(k).overlaps(new Interval(first, last))) {
        Interval c = cut.get(k);
        if (c.first().compareTo(first) > 0) {
          out.add(new Interval(first, c.first().previous()));
        }
        if (c.last().compareTo(last) >= 0) {
          left = false;
        } else {
          first = c.last().next();
          k++;
        }
      }
      if (left) {
        out.add(new Interval(first, last));
      }
    }
    return new AddressSet(out);
  }

  /** The addresses in both sets. */
  public AddressSet intersect(AddressSet other) {
    List<Interval> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < intervals.size() && j < other.intervals.size()) {
      Interval a = intervals.get(i);
      Interval b = other.intervals.get(j);
      if (a.overlaps(b)) {
        IpAddress first = max(a.first(), b.first());
        IpAddress last = min(a.last(), b.last());
        out.add(new Interval(first, last));
      }
      if (compareEnds(a, b) <= 0) {
        i++;
      } else {
        j++;
      }
    }
    return new AddressSet(out);
  }

  /** The fewest CIDR blocks whose union is exactly this set, in address order. */
  public List<Cidr> cidrs() {
    List<Cidr> out = new ArrayList<>();
    for (Interval i : intervals) {
      out.addAll(cover(i.first(), i.last()));
    }
    return out;
  }

  /** The minimal list of CIDR blocks whose union is exactly first..last. */
  public static List<Cidr> cover(IpAddress first, IpAddress last) {
    List<Cidr> out = new ArrayList<>();
    int bits = first.bits();
    IpAddress cur = first.withoutZone();
    IpAddress end = last.withoutZone();
    while (true) {
      // the widest block aligned on cur: as many trailing zero bits as cur has, within the end
      int prefix = bits - Math.min(trailingZeros(cur), bits);
      while (cur.lastInPrefix(prefix).compareTo(end) > 0) {
        prefix++;
      }
      out.add(new Cidr(cur, prefix));
      IpAddress blockEnd = cur.lastInPrefix(prefix);
      if (blockEnd.compareTo(end) >= 0 || blockEnd.isMax()) {
        return out;
      }
      cur = blockEnd.next();
    }
  }

  private static int trailingZeros(IpAddress a) {
    if (a.version() == 4) {
      return a.v4Value() == 0 ? 32 : Long.numberOfTrailingZeros(a.v4Value());
    }
    if (a.lo() != 0) {
      return Long.numberOfTrailingZeros(a.lo());
    }
    return a.hi() == 0 ? 128 : 64 + Long.numberOfTrailingZeros(a.hi());
  }

  /** Whether c lies wholly before the address a (an earlier family, or ending before it). */
  private static boolean before(Interval c, IpAddress a) {
    return c.last().version() < a.version()
        || (c.last().version() == a.version() && c.last().compareTo(a) < 0);
  }

  private static int compareEnds(Interval a, Interval b) {
    return a.last().compareTo(b.last());
  }

  private static IpAddress max(IpAddress a, IpAddress b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static IpAddress min(IpAddress a, IpAddress b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
