package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.junit.jupiter.api.Test;

/**
 * A zone keeps its interface's name through the JDK: {@code explain '[fe80::1%lo]:22' --connect}
 * printed {@code fe80::1%1}, as the JDK keeps only the index of an interface without a link-local
 * address (lo has none).
 */
class ZoneNameTest {
  @Test
  void aZoneNamingAnInterfaceWithoutALinkLocalAddressStaysANameThroughTheJdk() throws Exception {
    NetworkInterface lo = NetworkInterface.getByName("lo");
    assumeTrue(lo != null, "no interface named lo");
    InetAddress jdk = AddressParser.parse("fe80::1%lo").toInetAddress();
    assertEquals("fe80::1%lo", IpAddress.of(jdk).toString());
    Inet6Address byIndex =
        Inet6Address.getByAddress(null, AddressParser.parse("fe80::1").toBytes(), lo.getIndex());
    assertEquals("fe80::1%lo", IpAddress.text(byIndex));
  }

  @Test
  void anIndexNoInterfaceHasStaysANumber() throws Exception {
    int unused = 1;
    while (NetworkInterface.getByIndex(unused) != null) {
      unused++;
    }
    Inet6Address byIndex =
        Inet6Address.getByAddress(null, AddressParser.parse("fe80::1").toBytes(), unused);
    assertEquals("fe80::1%" + unused, IpAddress.text(byIndex));
  }
}
