package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ip --reverse} against Python's {@code ipaddress}: {@code reverse_pointer} of 10,000
 * generated addresses, and for 10,000 generated blocks the zones Python's primitives give — the
 * block's {@code subnets} on the next octet (IPv4) or nibble (IPv6) boundary, each named by its
 * network's {@code reverse_pointer} with the host labels cut off.
 */
class ReverseZonesPythonOracleTest {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import ipaddress, sys",
          "for line in open(sys.argv[1]):",
          "    kind, text = line.split()",
          "    if kind == 'addr':",
          "        print(ipaddress.ip_address(text).reverse_pointer)",
          "        continue",
          "    n = ipaddress.ip_network(text)",
          "    unit = 8 if n.version == 4 else 4",
          "    if n.version == 4 and n.prefixlen > 24:",
          "        parent = ipaddress.ip_network((n.network_address, 24), strict=False)",
          "        zones = [parent]",
          "    else:",
          "        zones = n.subnets(new_prefix=-(-n.prefixlen // unit) * unit)",
          "    out = []",
          "    for z in zones:",
          "        labels = z.network_address.reverse_pointer.split('.')",
          "        cut = (n.max_prefixlen - z.prefixlen) // unit",
          "        out.append('.'.join(labels[cut:]))",
          "    print(' '.join(out))",
          "");
  private static final int CASES = 10_000;

  @Test
  void pointersAndZonesAgreeWithPython(@TempDir Path dir) throws Exception {
    Random rnd = new Random(20261205L);
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      IpAddress a = random(rnd, i % 2 == 0 ? 4 : 6);
      // every second IPv6 address IPv4-mapped: named by nibbles too, not under in-addr.arpa
      if (i % 4 == 3) {
        a = IpAddress.v6(0, 0xFFFF_0000_0000L | (rnd.nextInt() & 0xFFFF_FFFFL));
      }
      cases.add("addr " + a);
    }
    for (int i = 0; i < CASES; i++) {
      IpAddress a = random(rnd, i % 2 == 0 ? 4 : 6);
      int prefix = a.version() == 4 ? rnd.nextInt(33) : rnd.nextInt(129);
      cases.add("net " + new Cidr(a, prefix));
    }
    List<String> expected = PythonPeer.answers(dir, SCRIPT, cases);
    for (int i = 0; i < cases.size(); i++) {
      String[] kt = cases.get(i).split(" ");
      String ours =
          kt[0].equals("addr")
              ? ReverseZones.pointer(AddressParser.parse(kt[1]))
              : String.join(" ", zones(kt[1]));
      assertEquals(expected.get(i), ours, cases.get(i));
    }
  }

  private static List<String> zones(String text) {
    IpTarget.Block b = (IpTarget.Block) AddressParser.parseTarget(text);
    return ReverseZones.of(new Cidr(b.network(), b.prefix())).zones();
  }

  private static IpAddress random(Random rnd, int version) {
    return version == 4
        ? IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL)
        : IpAddress.v6(rnd.nextLong(), rnd.nextLong());
  }
}
