package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for ip's set arithmetic over lists of inputs (docs/fuzzing.md). Without JAZZER_FUZZ
 * it replays {@code AddressSetFuzzTestInputs/addressSet/}.
 */
class AddressSetFuzzTest {
  /**
   * Lines that parse are split in two lists A and B. The blocks of A's union are sorted, disjoint,
   * aligned and cover A exactly (same size, every input inside); A minus B and A ∩ B share no
   * address and together make A; the blocks of a union are their own union (a fixed point).
   */
  @FuzzTest
  void addressSet(FuzzedDataProvider data) {
    List<IpTarget> a = new ArrayList<>();
    List<IpTarget> b = new ArrayList<>();
    int lines = 0;
    while (data.remainingBytes() > 0 && lines++ < 64) {
      boolean toA = data.consumeBoolean();
      try {
        (toA ? a : b).add(AddressParser.parseTarget(data.consumeString(64)));
      } catch (InvalidAddressException e) {
        // not an input: skipped, as ip refuses it
      }
    }
    AddressSet union = AddressSet.of(a);
    List<Cidr> blocks = union.cidrs();
    BigInteger size = BigInteger.ZERO;
    for (int i = 0; i < blocks.size(); i++) {
      Cidr c = blocks.get(i);
      assertEquals(c.network(), c.network().network(c.prefix()), "aligned " + c);
      if (i > 0) {
        assertTrue(
            blocks.get(i - 1).last().compareTo(c.first()) < 0, "sorted, disjoint: " + blocks);
      }
      size = size.add(c.size());
    }
    assertEquals(union.size(), size, "the blocks hold the union's addresses");
    for (IpTarget t : a) {
      AddressSet.Interval in = AddressSet.Interval.of(t);
      assertTrue(
          blocks.stream()
              .anyMatch(
                  c -> c.first().compareTo(in.first()) <= 0 && in.first().compareTo(c.last()) <= 0),
          "covered: " + in);
    }
    List<IpTarget> asTargets = new ArrayList<>();
    blocks.forEach(c -> asTargets.add(new IpTarget.Block(c.network(), c.prefix())));
    assertEquals(blocks, AddressSet.of(asTargets).cidrs(), "fixed point");

    AddressSet other = AddressSet.of(b);
    AddressSet minus = union.minus(other);
    AddressSet both = union.intersect(other);
    assertTrue(minus.intersect(other).isEmpty(), "nothing of B left in A - B");
    assertEquals(union.size(), minus.size().add(both.size()), "(A - B) + (A ∩ B) = A");
    List<AddressSet.Interval> joined = new ArrayList<>(minus.intervals());
    joined.addAll(both.intervals());
    assertEquals(union.intervals(), AddressSet.union(joined).intervals(), "(A - B) ∪ (A ∩ B) = A");
  }
}
