package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one printer (RFC 5952) and the bridge to the JDK's addresses, which never looks a name up.
 */
class IpAddressTest {
  @ParameterizedTest
  @CsvSource({
    "::, ::",
    "::1, ::1",
    "0:0:0:0:0:0:0:1, ::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "FE80:0:0:0:0:0:0:A, fe80::a",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
    "0:0:1:2:3:4:5:6, ::1:2:3:4:5:6",
    "10.0.0.1, 10.0.0.1",
  })
  void jdkAddressesAreWrittenInRfc5952(String in, String out) {
    InetAddress jdk = AddressParser.parse(in).toInetAddress();
    assertEquals(out, IpAddress.text(jdk));
    assertEquals(out, IpAddress.of(jdk).toString());
  }

  @Test
  void aScopedJdkAddressKeepsItsZone() throws Exception {
    byte[] fe80 = AddressParser.parse("fe80::1").toBytes();
    // an index no interface of this machine has (containers and veths come and go: not 7)
    int unused =
        100_000
            + java.net.NetworkInterface.networkInterfaces()
                .mapToInt(java.net.NetworkInterface::getIndex)
                .max()
                .orElse(0);
    assertEquals(
        "fe80::1%" + unused, IpAddress.text(Inet6Address.getByAddress(null, fe80, unused)));
    // a zone that names an interface scopes the address to it (by index when the JDK finds no
    // link-local address on the interface, as on a loopback without one)
    int index = java.net.NetworkInterface.getByName("lo").getIndex();
    InetAddress scoped = AddressParser.parse("fe80::1%lo").toInetAddress();
    assertEquals(index, ((Inet6Address) scoped).getScopeId());
    String text = IpAddress.text(scoped);
    assertTrue(text.equals("fe80::1%lo") || text.equals("fe80::1%" + index), text);
    // a name no interface has is dropped, not looked up
    assertEquals(
        "fe80::1", IpAddress.text(AddressParser.parse("fe80::1%no-such-if0").toInetAddress()));
  }

  @Test
  void endpointsBracketIpv6() {
    assertEquals("[::1]:9", TransportAddress.text(AddressParser.parse("::1").toInetAddress(), 9));
    assertEquals(
        "127.0.0.1:8080",
        TransportAddress.text(AddressParser.parse("127.0.0.1").toInetAddress(), 8080));
    assertNull(IpAddress.text(null));
  }

  @Test
  void ipv4MappedUnmapsToItsIpv4Address() throws Exception {
    IpAddress mapped = AddressParser.parse("::ffff:127.0.0.1");
    assertEquals("::ffff:127.0.0.1", mapped.toString());
    assertEquals(AddressParser.parse("127.0.0.1"), mapped.unmapped());
    IpAddress v6 = AddressParser.parse("::1");
    assertSame(v6, v6.unmapped());
    // the JDK unmaps what it builds from bytes; a scoped Inet6Address keeps the mapped bytes
    InetAddress jdkMapped = Inet6Address.getByAddress(null, mapped.toBytes(), -1);
    assertInstanceOf(Inet6Address.class, jdkMapped);
    assertInstanceOf(Inet4Address.class, mapped.toInetAddress());
  }
}
