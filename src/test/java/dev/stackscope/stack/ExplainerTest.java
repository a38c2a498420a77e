package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.stack.Explanation.PortSource;
import dev.stackscope.stack.Explanation.Target;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  @Test
  void urlsGetTheirSchemesDefaultPort() {
    assertEquals(new Target("https://example.com/x", "https", "example.com", 443, 443, PortSource.SCHEME_DEFAULT),
        Explainer.parseTarget("https://example.com/x"));
    assertEquals(new Target("http://[::1]:8080/", "http", "::1", 8080, 80, PortSource.EXPLICIT),
        Explainer.parseTarget("http://[::1]:8080/"));
  }

  @Test
  void hostPortAndBareHosts() {
    assertEquals(new Target("db.internal:5432", null, "db.internal", 5432, null, PortSource.EXPLICIT),
        Explainer.parseTarget("db.internal:5432"));
    assertEquals(new Target("[2001:db8::1]:443", null, "2001:db8::1", 443, null, PortSource.EXPLICIT),
        Explainer.parseTarget("[2001:db8::1]:443"));
    assertEquals(new Target("example.test", null, "example.test", 80, null, PortSource.ASSUMED_HTTP),
        Explainer.parseTarget("example.test"));
  }

  @Test
  void badTargetsNameTheProblem() {
    assertEquals("not a port (1-65535): '99999'",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("h:99999")).getMessage());
    assertEquals("not a host name or address: 'a b'",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("a b")).getMessage());
    assertEquals("no port given and scheme 'foo' has no default port",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("foo://h/")).getMessage());
    assertEquals("octet 300 is over 255",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("10.0.0.300:80")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("::::"));
    assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("1.2.3"));
  }

  @Test
  void badAddressLiteralIsAUsageError() {
    dev.stackscope.testing.CliRunner.Result r = dev.stackscope.testing.CliRunner.stackscope("explain", "::::");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().startsWith("stackscope: bad target '::::': "), r.err());
  }
}
