package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route lookups over the routing tables of a container (as the kernel printed them). */
class RouteLookupTest {
  static final String ROUTE =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
          + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
          + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

  static final String IPV6_DEFAULT =
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00"
          + " fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n";

  static final String IPV6 =
      "fd000000000000000000000000000000 40 00000000000000000000000000000000 00"
          + " 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
          + "fe800000000000000000000000000000 40 00000000000000000000000000000000 00"
          + " 00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0\n"
          + "00000000000000000000000000000001 80 00000000000000000000000000000000 00"
          + " 00000000000000000000000000000000 00000000 00000004 00000000 80200001       lo\n"
          + "ff000000000000000000000000000000 08 00000000000000000000000000000000 00"
          + " 00000000000000000000000000000000 00000100 00000003 00000000 00000001     eth0\n"
          // the kernel's catch-all: unreachable, on lo, with the highest metric
          + "00000000000000000000000000000000 00 00000000000000000000000000000000 00"
          + " 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

  static RouteLookup lookup(String v4, String v6) {
    List<RouteLookup.Route> routes = new ArrayList<>(RouteLookup.parseIpv4(v4));
    routes.addAll(RouteLookup.parseIpv6(v6));
    return new RouteLookup(routes, Map.of(2, "eth0")::get);
  }

  static RouteLookup.Route route(RouteLookup lookup, String address) {
    return lookup.route(AddressParser.parse(address));
  }

  @Test
  void anAddressOnTheInterfacesSubnetIsOnLink() {
    RouteLookup.Route r = route(lookup(ROUTE, IPV6 + IPV6_DEFAULT), "192.0.2.77");
    assertTrue(r.onLink());
    assertNull(r.gateway());
    assertEquals("eth0", r.interfaceName());
    assertEquals(24, r.prefixLength());
    RouteLookup.Route v6 = route(lookup(ROUTE, IPV6 + IPV6_DEFAULT), "fd00::77");
    assertTrue(v6.onLink());
    assertEquals("eth0", v6.interfaceName());
  }

  @Test
  void anyOtherAddressLeavesByTheDefaultGateway() {
    RouteLookup.Route r = route(lookup(ROUTE, IPV6 + IPV6_DEFAULT), "198.51.100.7");
    assertEquals("192.0.2.1", r.gateway().toString());
    assertEquals("eth0", r.interfaceName());
    // the default route (metric 0x400) wins over the kernel's unreachable catch-all (0xffffffff)
    RouteLookup.Route v6 = route(lookup(ROUTE, IPV6 + IPV6_DEFAULT), "2001:db8::1");
    assertEquals("fd00::1", v6.gateway().toString());
    assertEquals("eth0", v6.interfaceName());
  }

  @Test
  void withoutADefaultRouteThereIsNoRoute() {
    assertNull(route(lookup(ROUTE, IPV6), "2001:db8::1"), "only the unreachable catch-all matches");
    assertNull(route(lookup("", IPV6), "198.51.100.7"));
  }

  @Test
  void aLinkLocalAddressIsOnTheLinkItsZoneNames() {
    RouteLookup lookup = lookup(ROUTE, IPV6 + IPV6_DEFAULT);
    RouteLookup.Route named = route(lookup, "fe80::1%eth0");
    assertTrue(named.onLink());
    assertEquals("eth0", named.interfaceName());
    assertEquals("eth0", route(lookup, "fe80::1%2").interfaceName(), "a numeric zone: its name");
    RouteLookup.Route unzoned = route(lookup, "fe80::1");
    assertTrue(unzoned.onLink(), "never the default gateway");
    assertNull(unzoned.interfaceName(), "which link is unknown without a zone");
  }

  @Test
  void ipv4LinkLocalIsOnLinkWhenARouteSaysSo() {
    String withLinkLocal =
        ROUTE + "eth0\t0000FEA9\t00000000\t0001\t0\t0\t1000\t0000FFFF\t0\t0\t0\n";
    RouteLookup.Route r = route(lookup(withLinkLocal, ""), "169.254.3.4");
    assertTrue(r.onLink());
    assertEquals("eth0", r.interfaceName());
    assertEquals(16, r.prefixLength());
  }

  @Test
  void theLongestPrefixWinsWhateverTheOrder() {
    String specific =
        "eth1\t0000000A\t0101010A\t0003\t0\t0\t0\t000000FF\t0\t0\t0\n"
            + "eth2\t0001000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
            + ROUTE;
    RouteLookup lookup = lookup(specific, "");
    assertEquals("10.1.1.1", route(lookup, "10.9.9.9").gateway().toString());
    assertTrue(route(lookup, "10.0.1.9").onLink());
    assertEquals("eth2", route(lookup, "10.0.1.9").interfaceName());
  }
}
