package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressUnmapTest {
  @Test
  void ipv4MappedBecomesIpv4AndOthersStay() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
    InetAddress unmapped = AddressScope.unmap(v6);
    assertInstanceOf(Inet4Address.class, unmapped);
    assertEquals("127.0.0.1", unmapped.getHostAddress());
    InetAddress loop6 = InetAddress.getByName("::1");
    assertEquals(loop6, AddressScope.unmap(loop6));
    InetAddress v4 = InetAddress.getByName("10.0.0.1");
    assertEquals(v4, AddressScope.unmap(v4));
  }
}
