package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.RouteLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A namespace's if_inet6 (as the kernel writes it) and its addresses and routes read together. */
class IfInet6Test {
  /** What /proc/PID/net/if_inet6 of a namespace with lo and a veth end v0 says (a real one). */
  static final String IF_INET6 =
      "fe80000000000000507be7fffeb8cfe3 02 40 20 c0       v1\n"
          + "fe80000000000000b0ad37fffe3a0559 03 40 20 c0       v0\n"
          + "fd5c0000000700000000000000000001 03 40 00 82       v0\n"
          + "00000000000000000000000000000001 01 80 10 80       lo\n";

  @Test
  void everyAddressWithItsInterface() {
    List<IfInet6.Entry> e = IfInet6.parse(IF_INET6);
    assertEquals(4, e.size());
    assertEquals(AddressParser.parse("fd5c:0:7::1"), e.get(2).address());
    assertEquals(3, e.get(2).index());
    assertEquals(64, e.get(2).prefixLength());
    assertEquals("v0", e.get(2).interfaceName());
    assertEquals(AddressParser.parse("::1"), e.get(3).address());
    assertEquals(128, e.get(3).prefixLength());
  }

  @Test
  void linesNotOfTheKernelsFormAreSkipped() {
    List<IfInet6.Entry> e =
        IfInet6.parse(
            "fd5c00000007000000000000000000 03 40 00 82 short\n"
                + "fd5c0000000700000000000000000g01 03 40 00 82 nothex\n"
                + "fd5c0000000700000000000000000001 00 40 00 82 index0\n"
                + "fd5c0000000700000000000000000001 03 81 00 82 prefix129\n"
                + "fd5c0000000700000000000000000001 03 ffffffff 00 82 prefixhuge\n"
                + "fd5c0000000700000000000000000001 ffffffff 40 00 82 indexhuge\n"
                + "fd5c0000000700000000000000000001 03 40 00 82\n"
                + "fd5c0000000700000000000000000001 03 40 00 82 a-name-over-15-chars\n"
                + "fd5c0000000700000000000000000001 1f4 40 00 82 index500\n");
    assertEquals(1, e.size(), e::toString);
    assertEquals(500, e.get(0).index());
  }

  @Test
  void aNamespacesAddressesAndRoutesFromItsProcessesNetDirectory(@TempDir Path proc)
      throws IOException {
    Path net = Files.createDirectories(proc.resolve("42/net"));
    Files.writeString(
        net.resolve("fib_trie"),
        "Main:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 10.213.7.1\n        /32 host LOCAL\n"
            + "     |-- 127.0.0.1\n        /32 host LOCAL\n");
    Files.writeString(net.resolve("if_inet6"), IF_INET6);
    Files.writeString(
        net.resolve("route"),
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "v0\t00000000\tFE07D50A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "v0\t0007D50A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
    NamespaceNetwork n = NamespaceNetwork.read(proc, 42);
    assertTrue(n.addresses().contains(AddressParser.parse("10.213.7.1")));
    assertTrue(n.addresses().contains(AddressParser.parse("fd5c:0:7::1")));
    assertTrue(n.addresses().contains(AddressParser.parse("::1")));
    assertEquals(6, n.addresses().size(), n.addresses()::toString);
    RouteLookup routes = n.routeLookup();
    assertEquals(
        "10.213.7.254", routes.route(AddressParser.parse("198.51.100.7")).gateway().toString());
    assertTrue(routes.route(AddressParser.parse("10.213.7.9")).onLink());
    assertEquals("v0", routes.route(AddressParser.parse("fe80::1%3")).interfaceName());
    assertThrows(IOException.class, () -> NamespaceNetwork.read(proc, 43));
  }
}
