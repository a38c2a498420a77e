package dev.stackscope.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ip}'s set operations over a list of inputs: the union as the fewest CIDR blocks
 * (aggregate), less the excluded blocks, or the addresses common to every input (intersect); then
 * each block split into longer prefixes or equal parts; or every address (enumerate). Outputs that
 * could be huge are refused beyond a limit rather than printed.
 */
public final class SetArithmetic {
  private SetArithmetic() {}

  /** How to split each block: into /{@code prefix} blocks, or into {@code parts} equal blocks. */
  public record Split(int prefix, int parts) {
    public static Split toPrefix(int prefix) {
      return new Split(prefix, 0);
    }

    public static Split intoParts(int parts) {
      return new Split(-1, parts);
    }

    /** The new prefix length for a block of length {@code prefix}, or -1 when it cannot split. */
    int prefixFor(Cidr c) {
      int bits = c.network().bits();
      int p = parts > 0 ? c.prefix() + Integer.numberOfTrailingZeros(parts) : prefix;
      return p < c.prefix() || p > bits ? -1 : p;
    }
  }

  /** What to compute; {@code excludes} may be empty, {@code split} null. */
  public record Request(boolean intersect, List<IpTarget> excludes, Split split, long limit) {}

  /** An output beyond the request's limit, or a split the blocks cannot take. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  /** The result blocks of {@code request} over {@code inputs}. */
  public static List<Cidr> blocks(List<IpTarget> inputs, Request request) throws RefusedException {
    AddressSet set = result(inputs, request);
    List<Cidr> blocks = set.cidrs();
    if (request.split() == null) {
      return blocks;
    }
    List<Cidr> out = new ArrayList<>();
    for (Cidr c : blocks) {
      int p = request.split().prefixFor(c);
      if (p < 0) {
        Split s = request.split();
        throw new RefusedException(
            (s.parts() > 0
                    ? "cannot split " + c + " into " + s.parts() + " parts"
                    : "/" + s.prefix() + " does not split " + c)
                + " (IPv"
                + c.network().version()
                + " prefixes end at /"
                + c.network().bits()
                + ")");
      }
      BigInteger count = BigInteger.ONE.shiftLeft(p - c.prefix());
      if (BigInteger.valueOf(request.limit() - out.size()).compareTo(count) < 0) {
        throw new RefusedException(
            "the split makes more than " + request.limit() + " blocks (the limit)");
      }
      out.addAll(c.subnets(p));
    }
    return out;
  }

  /** Every address of the result, in order. */
  public static List<IpAddress> enumerate(List<IpTarget> inputs, Request request)
      throws RefusedException {
    AddressSet set = result(inputs, request);
    BigInteger size = set.size();
    if (size.compareTo(BigInteger.valueOf(request.limit())) > 0) {
      throw new RefusedException(
          String.format("%,d addresses, more than the limit of %,d", size, request.limit()));
    }
    List<IpAddress> out = new ArrayList<>(size.intValue());
    for (AddressSet.Interval i : set.intervals()) {
      IpAddress a = i.first();
      while (true) {
        out.add(a);
        if (a.equals(i.last())) {
          break;
        }
        a = a.next();
      }
    }
    return out;
  }

  private static AddressSet result(List<IpTarget> inputs, Request request) {
    AddressSet set;
    if (request.intersect()) {
      set = null;
      for (IpTarget t : inputs) {
        AddressSet one = AddressSet.of(List.of(t));
        set = set == null ? one : set.intersect(one);
      }
      if (set == null) {
        set = AddressSet.of(List.of());
      }
    } else {
      set = AddressSet.of(inputs);
    }
    if (!request.excludes().isEmpty()) {
      set = set.minus(AddressSet.of(request.excludes()));
    }
    return set;
  }

  /** Two inputs (by index) that share addresses, and the shared ones as blocks. */
  public record Overlap(int first, int second, List<Cidr> shared) {}

  /** Every pair of inputs that overlap, by a sweep over the inputs in address order. */
  public static List<Overlap> overlaps(List<IpTarget> inputs, long limit) throws RefusedException {
    List<Integer> order = new ArrayList<>();
    List<AddressSet.Interval> intervals = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      order.add(i);
      intervals.add(AddressSet.Interval.of(inputs.get(i)));
    }
    order.sort(Comparator.comparing((Integer i) -> intervals.get(i).first()).thenComparing(i -> i));
    List<Integer> active = new ArrayList<>();
    List<Overlap> out = new ArrayList<>();
    for (int i : order) {
      AddressSet.Interval cur = intervals.get(i);
      active.removeIf(
          j ->
              !intervals.get(j).overlaps(cur)
                  && intervals.get(j).last().compareTo(cur.first()) < 0);
      for (int j : active) {
        AddressSet.Interval other = intervals.get(j);
        if (other.overlaps(cur)) {
          if (out.size() >= limit) {
            throw new RefusedException("more than " + limit + " overlapping pairs (the limit)");
          }
          IpAddress first = cur.first();
          IpAddress last = other.last().compareTo(cur.last()) < 0 ? other.last() : cur.last();
          out.add(new Overlap(Math.min(i, j), Math.max(i, j), AddressSet.cover(first, last)));
        }
      }
      active.add(i);
    }
    out.sort(Comparator.comparingInt(Overlap::first).thenComparingInt(Overlap::second));
    return out;
  }
}
