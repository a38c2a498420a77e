package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostParserTest {
  private static Host special(String input) throws InvalidUrlException {
    return HostParser.parse(input, false, ValidationLog.DISCARD);
  }

  @Test
  void ipv4InDecimalHexAndOctalParts() throws Exception {
    assertEquals(new Host(HostType.IPV4, "127.0.0.1"), special("0x7f.1"));
    assertEquals(new Host(HostType.IPV4, "127.0.0.1"), special("0177.0.0.1"));
    assertEquals(new Host(HostType.IPV4, "127.0.0.1"), special("2130706433"));
    assertEquals(new Host(HostType.IPV4, "192.168.0.255"), special("192.168.0.0xff"));
    assertEquals(new Host(HostType.IPV4, "1.2.3.4"), special("1.2.3.4."));
  }

  @Test
  void ipv4FailuresAreNamed() {
    assertEquals(
        UrlFailure.IPV4_OUT_OF_RANGE,
        assertThrows(InvalidUrlException.class, () -> special("256.0.0.1")).failure());
    assertEquals(
        UrlFailure.IPV4_TOO_MANY_PARTS,
        assertThrows(InvalidUrlException.class, () -> special("1.2.3.4.5")).failure());
    assertEquals(
        UrlFailure.IPV4_INVALID,
        assertThrows(InvalidUrlException.class, () -> special("foo.09")).failure());
  }

  @Test
  void ipv6IsCompressedAndLowercased() throws Exception {
    assertEquals("[2001:db8::1]", special("[2001:DB8:0:0:0:0:0:1]").serialized());
    assertEquals("[::ffff:c000:280]", special("[::ffff:192.0.2.128]").serialized());
    assertEquals("[1:0:1::]", special("[1:0:1:0:0:0:0:0]").serialized());
    assertEquals("[::]", special("[0:0::0]").serialized());
    assertEquals(
        UrlFailure.IPV6_UNCLOSED,
        assertThrows(InvalidUrlException.class, () -> special("[::1")).failure());
    assertEquals(
        UrlFailure.IPV6_INVALID,
        assertThrows(InvalidUrlException.class, () -> special("[1:::2]")).failure());
  }

  @Test
  void domainsAreMappedWithUts46() throws Exception {
    assertEquals(new Host(HostType.DOMAIN, "xn--mnchen-3ya.de"), special("MÜNCHEN.de"));
    assertEquals(new Host(HostType.DOMAIN, "example.com"), special("EXAMPLE.com"));
    assertEquals(new Host(HostType.DOMAIN, "example.com"), special("ex%61mple.com"));
    assertEquals(
        UrlFailure.DOMAIN_INVALID_CODE_POINT,
        assertThrows(InvalidUrlException.class, () -> special("a<b")).failure());
  }

  @Test
  void opaqueHostsKeepCaseAndEncodeNonAscii() throws Exception {
    Host h = HostParser.parse("Db.Ex%41mple.COM", true, ValidationLog.DISCARD);
    assertEquals(new Host(HostType.OPAQUE, "Db.Ex%41mple.COM"), h);
    assertEquals("%C3%BC", HostParser.parse("ü", true, ValidationLog.DISCARD).serialized());
  }

  @Test
  void aLabelTooLongForIcusPunycodeIsADomainToAsciiFailureNotACrash() throws Exception {
    // ICU throws ICUInputTooLongException past 1000 UTF-16 units per label (a fuzzing finding).
    String label = "\u00e9".repeat(1001);
    assertEquals(
        UrlFailure.DOMAIN_TO_ASCII,
        assertThrows(InvalidUrlException.class, () -> special(label + ".com")).failure());
    assertEquals(null, Idna.toAscii(label));
    String xn = "xn--" + "a".repeat(3000);
    assertEquals(xn, Idna.toUnicode(xn));
    // just under the limit still encodes
    assertEquals(true, special("\u00e9".repeat(300) + ".com").serialized().startsWith("xn--"));
  }
}
