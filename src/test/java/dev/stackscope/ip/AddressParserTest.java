package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressParserTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "300.1.1.1           | octet 300 is over 255",
        "1.2.3               | incomplete IPv4 address: 3 of 4 octets",
        "1.2.3.4.5           | too many octets in IPv4 address (more than 4)",
        "1..2.3              | empty octet in IPv4 address",
        "1.2.3.              | empty octet in IPv4 address (trailing '.')",
        "010.0.0.1           | octet 010 has a leading zero (octal to some parsers, decimal to others)",
        "1.2.3.4a            | invalid character 'a' in IPv4 address",
        "1.2.3.1000          | octet 1000 is over 255",
        "::g                 | invalid character 'g' in IPv6 address",
        "1::2::3             | '::' appears more than once",
        "1:2:3:4:5:6:7       | incomplete IPv6 address: 7 of 8 groups",
        "1:2:3:4:5:6:7:8:9   | too many groups in IPv6 address (more than 8)",
        "1:2:3:4::5:6:7:8    | too many groups in IPv6 address ('::' with 8 groups)",
        "12345::             | group 12345 has more than 4 hex digits",
        ":1::                | IPv6 address starts with a single ':'",
        "1::2:               | IPv6 address ends with a single ':'",
        "1:::2               | empty group in IPv6 address (':::')",
        "::ffff:1.2.3.256    | octet 256 is over 255",
        "::ffff:1.2.3        | incomplete embedded IPv4 address: 3 of 4 octets",
        "fe80::1%            | empty zone id after '%'",
        "1.2.3.4%eth0        | zone id on an IPv4 address",
        "10.0.0.0/33         | prefix 33 is over 32",
        "2001:db8::/129      | prefix 129 is over 128",
        "10.0.0.0/           | missing prefix length after '/'",
        "10.0.0.0/x          | invalid prefix length 'x' (expected 0-32)",
        "10.0.0.0/255.0.255.0 | netmask 255.0.255.0 is not contiguous",
        "10.0.0.9-10.0.0.1   | range end 10.0.0.1 is before its start 10.0.0.9",
        "10.0.0.1-::1        | range mixes IPv4 and IPv6",
        "example.com         | invalid character 'e' in IPv4 address",
      })
  void badInputSaysPreciselyWhy(String input, String message) {
    InvalidAddressException e =
        assertThrows(InvalidAddressException.class, () -> AddressParser.parseTarget(input));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.0.0.0                                 | 0.0.0.0",
        "255.255.255.255                         | 255.255.255.255",
        "2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1",
        "2001:db8::1:0:0:0:1                     | 2001:db8:0:1::1",
        "2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1",
        "::                                      | ::",
        "::1                                     | ::1",
        "1::                                     | 1::",
        "::ffff:1.2.3.4                          | ::ffff:1.2.3.4",
        "::ffff:0102:0304                        | ::ffff:1.2.3.4",
        "64:ff9b::192.0.2.33                     | 64:ff9b::c000:221",
        "fe80::1%eth0                            | fe80::1%eth0",
        "FE80::ABCD%wlan-0.5                     | fe80::abcd%wlan-0.5",
        "fe80::1%br-1a2b                         | fe80::1%br-1a2b",
      })
  void parsesEveryTextualFormToCanonicalText(String input, String canonical) {
    assertEquals(canonical, AddressParser.parse(input).toString());
    IpTarget.Single t = assertInstanceOf(IpTarget.Single.class, AddressParser.parseTarget(input));
    assertEquals(canonical, t.address().toString());
  }

  @Test
  void zoneIdIsKeptButDoesNotChangeTheAddress() {
    IpAddress a = AddressParser.parse("fe80::1%eth0");
    assertEquals("eth0", a.zone());
    assertEquals(AddressParser.parse("fe80::1"), a.withoutZone());
  }

  @Test
  void cidrWithHostBitsKeepsTheHostAndNetmaskFormIsAccepted() {
    IpTarget.Block b =
        assertInstanceOf(IpTarget.Block.class, AddressParser.parseTarget("10.1.2.3/255.255.0.0"));
    assertEquals(16, b.prefix());
    assertEquals("10.1.0.0", b.network().toString());
    assertEquals(true, b.hasHostBits());
  }

  @Test
  void neverResolvesNames() {
    // a name that a resolver could answer must be refused by the parser, not looked up
    assertThrows(InvalidAddressException.class, () -> AddressParser.parse("localhost"));
    assertThrows(InvalidAddressException.class, () -> AddressParser.parse("::1.example"));
  }
}
