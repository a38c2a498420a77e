package dev.stackscope.cli.net;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import org.junit.jupiter.api.Test;

class IfacesCommandTest {
  @Test
  void textShowsLoopbackAndHost() {
    Result r = stackscope("ifaces");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("IFACE"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.contains("127.0.0.1/8") && l.contains("loopback")),
        r.out());
    assertTrue(r.out().contains("hostname"), r.out());
  }

  @Test
  void jsonHasTheIssueFields() {
    Result r = stackscope("ifaces", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json();
    for (String key : new String[] {"interfaces", "hostname", "domain", "gatewayIpv4", "gatewayIpv6", "dnsServers"}) {
      assertTrue(json.has(key), key + " in " + r.out());
    }
    assertTrue(json.get("interfaces").size() > 0, "loopback at least: " + r.out());
    for (JsonNode iface : json.get("interfaces")) {
      for (String key : new String[] {"name", "up", "mac", "mtu", "speedBps", "addresses", "rxBytes", "txBytes"}) {
        assertTrue(iface.has(key), key + " in " + iface);
      }
      for (JsonNode address : iface.get("addresses")) {
        for (String key : new String[] {"address", "prefixLength", "scope"}) {
          assertTrue(address.has(key), key + " in " + address);
        }
      }
    }
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
