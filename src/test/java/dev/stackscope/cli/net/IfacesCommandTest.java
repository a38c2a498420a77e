package dev.stackscope.cli.net;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IfacesCommandTest {
  @Test
  void textShowsLoopbackAndHost() {
    Result r = stackscope("ifaces");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("IFACE"), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.contains("127.0.0.1/8") && l.contains("loopback")),
        r.out());
    assertTrue(r.out().contains("hostname"), r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasTheIssueFields() {
    Result r = stackscope("ifaces", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> host = JsonValue.object(r.out());
    assertEquals(
        Set.of("interfaces", "hostname", "domain", "gatewayIpv4", "gatewayIpv6", "dnsServers"),
        host.keySet());
    List<Object> interfaces = (List<Object>) host.get("interfaces");
    assertFalse(interfaces.isEmpty(), r.out());
    for (Object o : interfaces) {
      Map<String, Object> i = (Map<String, Object>) o;
      assertEquals(
          Set.of(
              "name",
              "up",
              "loopback",
              "mac",
              "mtu",
              "speedBps",
              "addresses",
              "rxBytes",
              "txBytes"),
          i.keySet());
      for (Object a : (List<Object>) i.get("addresses")) {
        assertEquals(
            Set.of("address", "prefixLength", "scope"), ((Map<String, Object>) a).keySet());
      }
    }
  }

  /** Each address's class is the verdict `stackscope ip` gives it: one vocabulary. */
  @Test
  @SuppressWarnings("unchecked")
  void classesAreIpsVerdicts() {
    Result r = stackscope("ifaces", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    int checked = 0;
    for (Object o : (List<Object>) JsonValue.object(r.out()).get("interfaces")) {
      for (Object x : (List<Object>) ((Map<String, Object>) o).get("addresses")) {
        Map<String, Object> a = (Map<String, Object>) x;
        Result ip = stackscope("ip", (String) a.get("address"), "--json");
        assertEquals(0, ip.exitCode(), ip.toString());
        Map<String, Object> verdict =
            (Map<String, Object>) ((List<Object>) JsonValue.parse(ip.out())).get(0);
        assertEquals(verdict.get("verdict"), a.get("scope"), a.toString());
        checked++;
      }
    }
    assertTrue(checked > 0, "no interface address at all: " + r.out());
  }

  @Test
  void unitsAreReadable() {
    assertEquals("1 Gb/s", IfacesCommand.bitRate(1_000_000_000L));
    assertEquals("100 Mb/s", IfacesCommand.bitRate(100_000_000L));
    assertEquals("2500 Mb/s", IfacesCommand.bitRate(2_500_000_000L));
    assertEquals("512 B", IfacesCommand.bytes(512));
    assertEquals("1.5 KiB", IfacesCommand.bytes(1536));
    assertEquals("3.0 GiB", IfacesCommand.bytes(3L << 30));
  }
}
