package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {
  @ParameterizedTest
  @CsvSource({
    "::1, ::1",
    "::, ::",
    "127.0.0.1, 127.0.0.1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "0:0:0:0:0:0:0:5, ::5",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3"
  })
  void rfc5952(String literal, String expected) throws Exception {
    assertEquals(expected, AddressText.of(InetAddress.getByName(literal)));
  }
}
