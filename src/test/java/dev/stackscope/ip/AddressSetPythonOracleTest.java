package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set arithmetic against Python's {@code ipaddress}: {@code collapse_addresses} (aggregate),
 * {@code address_exclude} (exclude) and {@code subnets} (split), 10,000 generated cases each, IPv4
 * and IPv6, with blocks near one another so that they overlap, nest and touch.
 */
class AddressSetPythonOracleTest {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import ipaddress, sys",
          "for line in open(sys.argv[1]):",
          "    kind, *args = line.split()",
          "    nets = [ipaddress.ip_network(a, strict=False) for a in args[:-1]] if kind == 'subnets' else [ipaddress.ip_network(a, strict=False) for a in args]",
          "    if kind == 'collapse':",
          "        out = ipaddress.collapse_addresses(nets)",
          "    elif kind == 'exclude':",
          "        out = sorted(nets[0].address_exclude(nets[1]))",
          "    else:",
          "        out = nets[0].subnets(new_prefix=int(args[-1]))",
          "    print(' '.join(str(n) for n in out))",
          "");
  private static final int CASES = 10_000;

  @Test
  void collapseExcludeAndSubnetsAgreeWithPython(@TempDir Path dir) throws Exception {
    Random rnd = new Random(20261205);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      int v = i % 2 == 0 ? 4 : 6;
      IpAddress anchor = random(rnd, v);
      List<Cidr> nets = new ArrayList<>();
      int n = 1 + rnd.nextInt(8);
      for (int k = 0; k < n; k++) {
        nets.add(near(rnd, anchor));
      }
      lines.add("collapse " + nets.stream().map(Cidr::toString).collect(Collectors.joining(" ")));
    }
    for (int i = 0; i < CASES; i++) {
      Cidr outer = near(rnd, random(rnd, i % 2 == 0 ? 4 : 6));
      int subPrefix =
          outer.prefix() + rnd.nextInt(Math.min(20, outer.network().bits() - outer.prefix()) + 1);
      Cidr inner = new Cidr(randomIn(rnd, outer), subPrefix);
      lines.add("exclude " + outer + " " + inner);
    }
    for (int i = 0; i < CASES; i++) {
      Cidr net = near(rnd, random(rnd, i % 2 == 0 ? 4 : 6));
      int newPrefix =
          net.prefix() + rnd.nextInt(Math.min(6, net.network().bits() - net.prefix()) + 1);
      lines.add("subnets " + net + " " + newPrefix);
    }
    List<String> expected = PythonPeer.answers(dir, SCRIPT, lines);
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(expected.get(i), ours(lines.get(i)), lines.get(i));
    }
  }

  private static String ours(String line) {
    String[] a = line.split(" ");
    List<IpTarget> targets = new ArrayList<>();
    int end = a[0].equals("subnets") ? a.length - 1 : a.length;
    for (int i = 1; i < end; i++) {
      targets.add(AddressParser.parseTarget(a[i]));
    }
    List<Cidr> out =
        switch (a[0]) {
          case "collapse" -> AddressSet.of(targets).cidrs();
          case "exclude" ->
              AddressSet.of(targets.subList(0, 1))
                  .minus(AddressSet.of(targets.subList(1, 2)))
                  .cidrs();
          default -> {
            IpTarget.Block b = (IpTarget.Block) targets.get(0);
            yield new Cidr(b.network(), b.prefix()).subnets(Integer.parseInt(a[a.length - 1]));
          }
        };
    return out.stream().map(Cidr::toString).collect(Collectors.joining(" "));
  }

  private static IpAddress random(Random rnd, int version) {
    return version == 4
        ? IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL)
        : IpAddress.v6(rnd.nextLong(), rnd.nextLong());
  }

  /** A block around {@code anchor}: small changes to its low bits, a prefix near the end. */
  private static Cidr near(Random rnd, IpAddress anchor) {
    int bits = anchor.bits();
    IpAddress a =
        anchor.version() == 4
            ? IpAddress.v4(anchor.v4Value() ^ (rnd.nextInt(1 << 12)))
            : IpAddress.v6(anchor.hi(), anchor.lo() ^ rnd.nextInt(1 << 12));
    return new Cidr(a, bits - rnd.nextInt(16));
  }

  private static IpAddress randomIn(Random rnd, Cidr c) {
    IpAddress r = random(rnd, c.network().version());
    IpAddress host =
        c.network().version() == 4
            ? IpAddress.v4(r.v4Value() & ~IpAddress.v4Mask(c.prefix()) & 0xFFFF_FFFFL)
            : IpAddress.v6(
                r.hi() & ~IpAddress.hiMask(c.prefix()), r.lo() & ~IpAddress.loMask(c.prefix()));
    return c.network().version() == 4
        ? IpAddress.v4(c.network().v4Value() | host.v4Value())
        : IpAddress.v6(c.network().hi() | host.hi(), c.network().lo() | host.lo());
  }
}
