package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRoutesTest {
  static String fixture(String name) throws Exception {
    try (InputStream in = DefaultRoutesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void ipv4DefaultRoutesAreLittleEndianHexAndSortedByMetric() throws Exception {
    List<DefaultRoutes.Gateway> g = DefaultRoutes.parseIpv4(fixture("proc-net-route.txt"));
    assertEquals(2, g.size(), g.toString());
    assertEquals("10.0.1.254", g.get(0).address().toString());
    assertEquals("eth0", g.get(0).interfaceName());
    assertEquals("192.168.1.1", g.get(1).address().toString());
    assertEquals("wlan0", g.get(1).interfaceName());
  }

  @Test
  void ipv6DefaultRoutesSkipRejectRoutesAndSortByMetric() throws Exception {
    List<DefaultRoutes.Gateway> g = DefaultRoutes.parseIpv6(fixture("proc-net-ipv6_route.txt"));
    assertEquals(2, g.size(), g.toString());
    assertEquals("fd00::1", g.get(0).address().toString());
    assertEquals("fe80::211:22ff:fe33:4455", g.get(1).address().toString());
    assertEquals("wlan0", g.get(1).interfaceName());
  }

  @Test
  void readsUnderAConfigurableRootAndMissingFilesGiveNoRoutes(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("net"));
    assertEquals(List.of(), DefaultRoutes.read(proc));
    Files.writeString(proc.resolve("net/route"), fixture("proc-net-route.txt"));
    assertEquals(2, DefaultRoutes.read(proc).size());
  }

  @Test
  void agreesWithIpRouteOnThisHost() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        PythonIpaddressOracleTest.onPath("ip"), "iproute2 'ip' absent");
    Process p = new ProcessBuilder("ip", "-4", "route", "show", "default").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<DefaultRoutes.Gateway> ours =
        DefaultRoutes.parseIpv4(Files.readString(Path.of("/proc/net/route")));
    long viaCount = out.lines().filter(l -> l.contains(" via ")).count();
    assertEquals(viaCount, ours.size(), out);
    for (DefaultRoutes.Gateway g : ours) {
      assertEquals(
          true, out.contains("via " + g.address() + " dev " + g.interfaceName()), out + " vs " + g);
    }
  }
}
