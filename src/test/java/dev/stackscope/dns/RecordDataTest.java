package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RecordDataTest {
  private static String text(String v6) throws Exception {
    return dev.stackscope.ip.IpAddress.text(InetAddress.getByName(v6));
  }

  @Test
  void ipv6IsPrintedLikeDig() throws Exception {
    assertEquals("fd00::40", text("fd00:0:0:0:0:0:0:40"));
    assertEquals("::1", text("0:0:0:0:0:0:0:1"));
    assertEquals("::", text("0:0:0:0:0:0:0:0"));
    assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
    assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
    assertEquals("2001:503:ba3e::2:30", text("2001:503:ba3e:0:0:0:2:30"));
    assertEquals("fe80::", text("fe80:0:0:0:0:0:0:0"));
  }
}
