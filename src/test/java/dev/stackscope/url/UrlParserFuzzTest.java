package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.testing.Escaped;

/**
 * Fuzz targets for the WHATWG URL parser, the host parser and IDNA (docs/fuzzing.md). Without
 * JAZZER_FUZZ they replay the corpora in {@code UrlParserFuzzTestInputs/<method>/}.
 */
class UrlParserFuzzTest {
  private static final WhatwgUrl BASE = base();

  /**
   * Only InvalidUrlException escapes; a URL's href parses again to the same href; where the fast
   * path takes an input it agrees with the state machine on every component; parsing against a base
   * obeys the same rules.
   */
  @FuzzTest
  void urlParser(FuzzedDataProvider data) throws InvalidUrlException {
    boolean withBase = data.consumeBoolean();
    String input = data.consumeRemainingAsString();
    WhatwgUrl url;
    try {
      url = new UrlParser().parse(input, withBase ? BASE : null, new ValidationLog());
    } catch (InvalidUrlException e) {
      assertNotNull(e.failure(), input);
      return;
    }
    String href = url.href();
    // The serializer's output is a valid URL string: parsing it must not fail, and gives itself.
    WhatwgUrl again = WhatwgUrl.parse(href);
    assertEquals(href, again.href(), () -> "href not stable for input " + Escaped.of(input));
    assertEquals(url.origin(), again.origin(), () -> "origin for " + Escaped.of(input));
    assertTrue(href.startsWith(url.scheme() + ":"), href);

    WhatwgUrl fast = UrlParser.simpleAbsolute(input);
    if (fast != null) {
      WhatwgUrl slow = new UrlParser().runStateMachine(input, null, ValidationLog.DISCARD);
      String what = Escaped.of(input);
      assertEquals(slow.href(), fast.href(), what);
      assertEquals(slow.scheme(), fast.scheme(), what);
      assertEquals(slow.username(), fast.username(), what);
      assertEquals(slow.password(), fast.password(), what);
      assertEquals(slow.hostRecord(), fast.hostRecord(), what);
      assertEquals(slow.portNumber(), fast.portNumber(), what);
      assertEquals(slow.pathname(), fast.pathname(), what);
      assertEquals(slow.query(), fast.query(), what);
      assertEquals(slow.fragment(), fast.fragment(), what);
      assertEquals(slow.hasOpaquePath(), fast.hasOpaquePath(), what);
    }
  }

  /**
   * The host parser: only InvalidUrlException escapes; its one-pass path for plain lowercase
   * domains agrees with the Standard's steps (percent-decode, domain to ASCII, IPv4 when the domain
   * ends in a number); a host's serialisation parses to itself. IDNA: ToASCII is idempotent, and
   * ToASCII of ToUnicode of an ASCII result gives that result back.
   */
  @FuzzTest
  void hostParserAndIdna(FuzzedDataProvider data) {
    boolean opaque = data.consumeBoolean();
    String input = data.consumeRemainingAsString();
    String what = Escaped.of(input);
    Host host;
    try {
      host = HostParser.parse(input, opaque, ValidationLog.DISCARD);
    } catch (InvalidUrlException e) {
      host = null;
    }
    if (!opaque && !input.startsWith("[")) {
      Host full;
      try {
        String ascii = HostParser.domainToAscii(PercentEncoding.decode(input));
        full =
            HostParser.endsInANumber(ascii)
                ? new Host(
                    HostType.IPV4,
                    HostParser.serializeIpv4(HostParser.parseIpv4(ascii, ValidationLog.DISCARD)))
                : new Host(HostType.DOMAIN, ascii);
      } catch (InvalidUrlException e) {
        full = null;
      }
      assertEquals(full, host, what);
    }
    if (host != null && host.type() != HostType.EMPTY) {
      Host again;
      try {
        again = HostParser.parse(host.serialized(), opaque, ValidationLog.DISCARD);
      } catch (InvalidUrlException e) {
        throw new AssertionError(
            "serialised host " + Escaped.of(host.serialized()) + " of " + what, e);
      }
      assertEquals(host, again, what);
    }

    String ascii = Idna.toAscii(input);
    if (ascii != null) {
      assertEquals(ascii, Idna.toAscii(ascii), () -> "ToASCII not idempotent on " + what);
      String unicode = Idna.toUnicode(ascii);
      // An "xn--" label that is not valid Punycode, or that decodes to a label UTS #46 refuses,
      // passes ToASCII as it is (the Standard ignores such labels in ASCII input, WPT:
      // http://a.b.c.XN--pokxncvks parses) but cannot come back from ToUnicode (xn--nxams6qb,
      // xn--f--fffeaf): where ToUnicode's result is accepted again, it must be the same name.
      String back = Idna.toAscii(unicode);
      if (back != null) {
        assertEquals(ascii, back, () -> "ToASCII(ToUnicode(x)) on " + what);
      }
    }
  }

  private static WhatwgUrl base() {
    try {
      return WhatwgUrl.parse("https://user:pass@base.example:8443/dir/sub/file.html?q=1#frag");
    } catch (InvalidUrlException e) {
      throw new IllegalStateException(e);
    }
  }
}
