package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code ipaddress} as a peer for the arithmetic (not the classification: its answers for
 * special blocks differ by version): canonical text, network, netmask, hostmask, broadcast, size,
 * and the CIDR cover of a range ({@code summarize_address_range}), on random inputs.
 */
class PythonIpaddressOracleTest {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import ipaddress, sys",
          "for line in open(sys.argv[1]):",
          "    kind, text = line.split()",
          "    if kind == 'net':",
          "        n = ipaddress.ip_network(text, strict=False)",
          "        print(n.network_address, n.netmask, n.hostmask, n.broadcast_address, n.num_addresses, n.prefixlen)",
          "    elif kind == 'addr':",
          "        a = ipaddress.ip_address(text)",
          "        print(a.exploded if a.version == 4 else ipaddress.IPv6Address(int(a)).compressed)",
          "    else:",
          "        f, l = text.split('-')",
          "        print(' '.join(str(n) for n in ipaddress.summarize_address_range(",
          "            ipaddress.ip_address(f), ipaddress.ip_address(l))))",
          "");

  @Test
  void arithmeticAndCanonicalTextAgreeWithPython(@TempDir Path dir) throws Exception {
    Random rnd = new Random(20261127);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      IpAddress a = randomAddress(rnd, i % 2 == 0 ? 4 : 6);
      switch (i % 3) {
        case 0 -> lines.add("net " + a + "/" + rnd.nextInt(a.bits() + 1));
        case 1 -> lines.add("addr " + a.toFullString());
        default -> {
          IpAddress b = randomNear(rnd, a);
          IpAddress lo = a.compareTo(b) <= 0 ? a : b;
          IpAddress hi = a.compareTo(b) <= 0 ? b : a;
          lines.add("range " + lo + "-" + hi);
        }
      }
    }
    List<String> expected = PythonPeer.answers(dir, SCRIPT, lines);
    for (int i = 0; i < lines.size(); i++) {
      String[] kt = lines.get(i).split(" ");
      assertEquals(expected.get(i), ours(kt[0], kt[1]), lines.get(i));
    }
  }

  private static String ours(String kind, String text) {
    if (kind.equals("addr")) {
      IpAddress a = AddressParser.parse(text);
      // Python writes IPv4-mapped as ::ffff:a.b.c.d only from 3.13; compare the hex form
      return a.version() == 6 && a.hi() == 0 && (a.lo() >>> 32) == 0xFFFFL
          ? "::ffff:" + Integer.toHexString(a.group(6)) + ":" + Integer.toHexString(a.group(7))
          : a.toString();
    }
    IpTarget t = AddressParser.parseTarget(text);
    if (t instanceof IpTarget.Block b) {
      NetworkInfo n = NetworkInfo.of(b.address(), b.prefix());
      IpAddress broadcast = b.address().lastInPrefix(b.prefix());
      return n.network()
          + " "
          + n.netmask()
          + " "
          + n.wildcard()
          + " "
          + broadcast
          + " "
          + broadcast
              .toBigInteger()
              .subtract(n.network().toBigInteger())
              .add(java.math.BigInteger.ONE)
          + " "
          + n.prefixLength();
    }
    IpTarget.Span s = (IpTarget.Span) t;
    return String.join(" ", RangeInfo.of(s.first(), s.last()).cidrs());
  }

  private static IpAddress randomAddress(Random rnd, int version) {
    if (version == 4) {
      return IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL);
    }
    // zero runs are where canonical text gets interesting
    long hi = rnd.nextLong();
    long lo = rnd.nextLong();
    for (int g = 0; g < 8; g++) {
      if (rnd.nextInt(3) == 0) {
        long mask = ~(0xFFFFL << (48 - 16 * (g & 3)));
        if (g < 4) {
          hi &= mask;
        } else {
          lo &= mask;
        }
      }
    }
    return IpAddress.v6(hi, lo);
  }

  private static IpAddress randomNear(Random rnd, IpAddress a) {
    if (a.version() == 4) {
      return IpAddress.v4(a.v4Value() ^ (rnd.nextInt() >>> rnd.nextInt(32)));
    }
    return IpAddress.v6(a.hi(), a.lo() ^ (rnd.nextLong() >>> rnd.nextInt(64)));
  }

  static boolean onPath(String binary) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + binary).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
