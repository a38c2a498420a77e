package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RegistryEntry;
import dev.stackscope.ip.SpecialRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressScopeTest {
  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, unspecified, all interfaces",
    "::, unspecified, all interfaces",
    "127.0.0.1, loopback, loopback only",
    "127.255.0.9, loopback, loopback only",
    "::1, loopback, loopback only",
    "10.1.2.3, private, private network",
    "172.16.0.1, private, private network",
    "172.31.255.255, private, private network",
    "172.32.0.1, global, public",
    "172.15.0.1, global, public",
    "192.168.0.1, private, private network",
    "100.64.0.1, shared, private network",
    "100.127.255.254, shared, private network",
    "100.128.0.1, global, public",
    "169.254.10.1, link-local, link-local",
    "fe80::1, link-local, link-local",
    "febf::1, link-local, link-local",
    "fec0::1, reserved, private network",
    "fc00::1, unique-local, private network",
    "fd12:3456::1, unique-local, private network",
    "224.0.0.251, multicast, public",
    "ff02::1, multicast, public",
    "8.8.8.8, global, public",
    "2001:db8::1, documentation, private network",
    "3fff::1, documentation, private network",
    "192.0.2.2, documentation, private network",
    "198.51.100.7, documentation, private network",
    "203.0.113.255, documentation, private network",
    "::ffff:192.0.2.1, documentation, private network",
    "198.18.0.1, benchmarking, private network",
    "198.19.255.255, benchmarking, private network",
    "198.20.0.1, global, public",
    "2001:2::1, benchmarking, private network",
    "240.0.0.1, reserved, private network",
    "255.255.255.255, reserved, private network",
    "0.1.2.3, reserved, private network",
    "192.0.0.1, reserved, private network",
    "192.0.0.9, global, public",
    "2606:4700::1111, global, public",
    "::ffff:127.0.0.1, loopback, loopback only",
    "::ffff:10.0.0.1, private, private network",
    "::ffff:0.0.0.0, unspecified, all interfaces",
  })
  void classifies(String address, String scope, String reach) {
    AddressScope s = AddressScope.of(AddressScope.literal(address));
    assertEquals(scope, s.toString());
    assertEquals(reach, s.reach().toString());
  }

  /** Every registry block's first and last address: the same class as `stackscope ip` gives. */
  @Test
  void agreesWithTheIanaRegistriesAtEveryBlocksEdges() throws Exception {
    SpecialRegistry registry = SpecialRegistry.standard();
    int checked = 0;
    for (int version : new int[] {4, 6}) {
      for (RegistryEntry e : registry.entries(version)) {
        if (e.prefix().equals("::ffff:0:0/96")) {
          continue; // IPv4-mapped addresses are classified as their IPv4 address (above)
        }
        for (IpAddress a : new IpAddress[] {e.network(), e.last()}) {
          String expected = registry.lookup(a).verdict().toString();
          String actual = AddressScope.of(java.net.InetAddress.getByAddress(a.toBytes())).toString();
          assertEquals(expected, actual.equals("unique-local") ? "private" : actual, a.toString());
          checked++;
        }
      }
    }
    assertEquals(true, checked > 100, "checked " + checked);
  }

  @Test
  void literalRefusesNames() {
    assertThrows(IllegalArgumentException.class, () -> AddressScope.literal("example.com"));
    assertThrows(IllegalArgumentException.class, () -> AddressScope.literal("abc.de"));
    assertThrows(IllegalArgumentException.class, () -> AddressScope.literal(""));
  }

  @ParameterizedTest
  @CsvSource({
    "::, ::",
    "::1, ::1",
    "0:0:0:0:0:0:0:1, ::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "FE80:0:0:0:0:0:0:A, fe80::a",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
    "0:0:1:2:3:4:5:6, ::1:2:3:4:5:6",
    "10.0.0.1, 10.0.0.1",
  })
  void writesRfc5952(String in, String out) {
    assertEquals(out, AddressText.of(AddressScope.literal(in)));
  }

  @Test
  void endpointsBracketIpv6() {
    assertEquals("[::1]:80", AddressText.endpoint(AddressScope.literal("::1"), 80));
    assertEquals("127.0.0.1:8080", AddressText.endpoint(AddressScope.literal("127.0.0.1"), 8080));
  }
}
