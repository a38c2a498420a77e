package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.testing.Escaped;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Fuzz target for the address parser (docs/fuzzing.md). Without JAZZER_FUZZ it replays the corpus
 * in {@code AddressParserFuzzTestInputs/addressParser/}.
 */
class AddressParserFuzzTest {
  /**
   * Only InvalidAddressException escapes parse and parseTarget; an address's canonical text, its
   * full text and its bytes give the address back, and the canonical text is a fixed point; what
   * the parser accepts, the JDK's literal parser accepts too, with the same value (the parser is
   * the stricter of the two: it refuses octets with leading zeros, which inet_aton reads as octal).
   */
  @FuzzTest
  void addressParser(FuzzedDataProvider data) throws UnknownHostException {
    String text = data.consumeRemainingAsString();
    String what = Escaped.of(text);
    try {
      IpTarget target = AddressParser.parseTarget(text);
      assertTrue(target.version() == 4 || target.version() == 6, what);
    } catch (InvalidAddressException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), what);
    }

    IpAddress address;
    try {
      address = AddressParser.parse(text);
    } catch (InvalidAddressException e) {
      address = null;
    }
    InetAddress jdk = jdkLiteral(text.strip());
    if (address == null) {
      return;
    }
    String canonical = address.toString();
    IpAddress again = AddressParser.parse(canonical);
    assertEquals(address, again, () -> "canonical text " + Escaped.of(canonical) + " of " + what);
    assertEquals(canonical, again.toString(), what);
    assertEquals(
        address.withoutZone(), AddressParser.parse(address.toFullString()), () -> "full " + what);
    assertEquals(address.withoutZone(), IpAddress.fromBytes(address.toBytes()), what);
    assertEquals(
        address.withoutZone(),
        AddressParser.parse(address.withoutZone().toPlainString()),
        () -> "plain " + what);

    assertTrue(jdk != null, () -> "accepted here but not by InetAddress: " + what);
    IpAddress fromJdk = IpAddress.fromBytes(jdk.getAddress());
    if (address.version() == 6 && jdk instanceof Inet4Address) {
      // the JDK turns ::ffff:a.b.c.d into an IPv4 address
      assertEquals(0L, address.hi(), what);
      assertEquals(0xFFFF_0000_0000L, address.lo() & 0xFFFF_FFFF_0000_0000L, what);
      assertEquals(fromJdk.v4Value(), address.lo() & 0xFFFF_FFFFL, what);
    } else {
      assertEquals(fromJdk, address.withoutZone(), what);
    }
  }

  /**
   * The JDK's reading of {@code text} as a literal address, or null. InetAddress.getByName looks a
   * name up in DNS when the text is not a literal, and this test must send no traffic: it is asked
   * only for text whose first character is a hex digit or ':' and that holds a ':' (the JDK then
   * parses it as an IPv6 literal or throws, and never resolves), and an IPv4 candidate is handed
   * over as {@code ::ffff:a.b.c.d}. A zone id is cut off first (looking it up would read the host's
   * interfaces).
   */
  static InetAddress jdkLiteral(String text) throws UnknownHostException {
    String s = text;
    int pct = s.indexOf('%');
    if (pct >= 0) {
      s = s.substring(0, pct);
    }
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') < 0) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ((c < '0' || c > '9') && c != '.') {
          return null;
        }
      }
      s = "::ffff:" + s;
    }
    char first = s.charAt(0);
    boolean hexOrColon =
        (first >= '0' && first <= '9')
            || (first >= 'a' && first <= 'f')
            || (first >= 'A' && first <= 'F')
            || first == ':';
    if (!hexOrColon || s.indexOf(':') < 0) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
