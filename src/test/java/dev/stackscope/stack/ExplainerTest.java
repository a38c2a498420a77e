package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.RouteLookup;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.PortSource;
import dev.stackscope.stack.Explanation.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  @Test
  void urlsGetTheirSchemesDefaultPort() {
    assertEquals(
        new Target(
            "https://example.com/x", "https", "example.com", 443, 443, PortSource.SCHEME_DEFAULT),
        Explainer.parseTarget("https://example.com/x"));
    assertEquals(
        new Target("http://[::1]:8080/", "http", "::1", 8080, 80, PortSource.EXPLICIT),
        Explainer.parseTarget("http://[::1]:8080/"));
  }

  @Test
  void hostPortAndBareHosts() {
    assertEquals(
        new Target("db.internal:5432", null, "db.internal", 5432, null, PortSource.EXPLICIT),
        Explainer.parseTarget("db.internal:5432"));
    assertEquals(
        new Target("[2001:db8::1]:443", null, "2001:db8::1", 443, null, PortSource.EXPLICIT),
        Explainer.parseTarget("[2001:db8::1]:443"));
    assertEquals(
        new Target("example.test", null, "example.test", 80, null, PortSource.ASSUMED_HTTP),
        Explainer.parseTarget("example.test"));
  }

  @Test
  void badTargetsNameTheProblem() {
    assertEquals(
        "not a port (1-65535): '99999'",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("h:99999"))
            .getMessage());
    assertEquals(
        "not a host name or address: 'a b'",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("a b"))
            .getMessage());
    assertEquals(
        "no port given and scheme 'foo' has no default port",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("foo://h/"))
            .getMessage());
    assertEquals(
        "octet 300 is over 255",
        assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("10.0.0.300:80"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("::::"));
    assertThrows(IllegalArgumentException.class, () -> Explainer.parseTarget("1.2.3"));
  }

  @Test
  void badAddressLiteralIsAUsageError() {
    dev.stackscope.testing.CliRunner.Result r =
        dev.stackscope.testing.CliRunner.stackscope("explain", "::::");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().startsWith("stackscope: bad target '::::': "), r.err());
  }

  /** Explains a literal against the routes of RouteLookupTest's container, on an empty host. */
  static AddressStep addressStep(String target) throws Exception {
    String route =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
    RouteLookup routes = new RouteLookup(RouteLookup.parseIpv4(route), i -> null);
    Explainer explainer =
        new Explainer(
            name -> {
              throw new AssertionError("a literal needs no lookup");
            },
            () -> new StackInputs(List.of(), List.of(), Set.of()),
            new RoleClassifier(RoleRules.builtIn()),
            routes::route);
    List<AddressStep> steps = explainer.explain(Explainer.parseTarget(target)).addresses();
    assertEquals(1, steps.size());
    return steps.get(0);
  }

  @Test
  void anOnLinkDestinationLeavesDirectlyNotByTheDefaultGateway() throws Exception {
    AddressStep onLink = addressStep("192.0.2.77:22");
    assertTrue(onLink.onLink());
    assertEquals(null, onLink.gateway());
    assertEquals("eth0", onLink.interfaceName());
    AddressStep linkLocal = addressStep("[fe80::1%eth0]:22");
    assertTrue(linkLocal.onLink(), "link-local is never routed");
    assertEquals("eth0", linkLocal.interfaceName());
    AddressStep remote = addressStep("198.51.100.7:22");
    assertEquals(false, remote.onLink());
    assertEquals("192.0.2.1", remote.gateway());
    assertEquals("eth0", remote.interfaceName());
  }
}
