package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    "fec0::1, global, public",
    "fc00::1, unique-local, private network",
    "fd12:3456::1, unique-local, private network",
    "224.0.0.251, multicast, public",
    "ff02::1, multicast, public",
    "8.8.8.8, global, public",
    "2001:db8::1, global, public",
    "::ffff:127.0.0.1, loopback, loopback only",
    "::ffff:10.0.0.1, private, private network",
    "::ffff:0.0.0.0, unspecified, all interfaces",
  })
  void classifies(String address, String scope, String reach) {
    AddressScope s = AddressScope.of(AddressScope.literal(address));
    assertEquals(scope, s.toString());
    assertEquals(reach, s.reach().toString());
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
