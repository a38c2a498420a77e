package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.AddressClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interface reader's parsers on fixture text, and its host part from a fixture tree. */
class SystemInterfaceSourceTest {
  static final String NET_DEV =
      """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo:  327723    3210    0    0    0     0          0         0   327723    3210    0    0    0     0       0          0
        eth0: 18446744073709551615 48211 0 0 0 0 0 0 300135 2451 0 0 0 0 0 0
      br-1a2b:12 1 0 0 0 0 0 0 34 2 0 0 0 0 0 0
      """;

  @Test
  void netDevGivesReceivedAndSentBytes() {
    Map<String, long[]> c = SystemInterfaceSource.parseNetDev(NET_DEV);
    assertEquals(3, c.size(), c.keySet().toString());
    assertArrayEquals(new long[] {327723, 327723}, c.get("lo"));
    assertArrayEquals(
        new long[] {-1L, 300135}, c.get("eth0")); // unsigned 64-bit, as the kernel counts
    assertArrayEquals(new long[] {12, 34}, c.get("br-1a2b")); // no space after the colon
  }

  @Test
  void resolvConfAsGlibcReadsIt() {
    SystemInterfaceSource.Resolv r =
        SystemInterfaceSource.parseResolvConf(
            """
        # comment
        ; another
        nameserver 10.0.0.53
        nameserver   FD00:0:0::53   # trailing words are ignored
        nameserver not-an-address
        nameserver 127.0.0.53
        nameserver 192.0.2.4
        search corp.example example.net
        options edns0
        """);
    assertEquals(List.of("10.0.0.53", "fd00::53", "127.0.0.53"), r.nameServers());
    assertNull(r.domain());
    assertEquals(List.of("corp.example", "example.net"), r.search());
    assertEquals("corp.example", SystemInterfaceSource.domain("vm", r));
    assertEquals("lab.example", SystemInterfaceSource.domain("vm.lab.example", r));
    SystemInterfaceSource.Resolv last =
        SystemInterfaceSource.parseResolvConf("search a.example\ndomain b.example\n");
    assertEquals("b.example", SystemInterfaceSource.domain("vm", last));
    assertNull(SystemInterfaceSource.domain("vm", SystemInterfaceSource.parseResolvConf("")));
  }

  @Test
  void hostPartComesFromTheRootsGiven(@TempDir Path dir) throws Exception {
    Path proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("sys/kernel"));
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("sys/kernel/hostname"), "box.lab.example\n");
    Files.writeString(proc.resolve("net/dev"), NET_DEV);
    Files.writeString(
        proc.resolve("net/route"),
        """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t00000000\t0102000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
        """);
    Path resolv = dir.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver ::1\n");
    HostNetwork host = new SystemInterfaceSource(dir.resolve("sys"), proc, resolv).read();
    assertEquals("box.lab.example", host.hostname());
    assertEquals("lab.example", host.domain());
    assertEquals("10.0.2.1", host.gatewayIpv4());
    assertNull(host.gatewayIpv6());
    assertEquals(List.of("::1"), host.dnsServers());
    // the interfaces are the live host's; every address carries ip's verdict
    assertTrue(host.interfaces().stream().anyMatch(NetInterface::loopback), host.toString());
    for (NetInterface i : host.interfaces()) {
      for (IfaceAddress a : i.addresses()) {
        assertNull(a.address().zone(), a.toString());
        assertEquals(AddressClassifier.standard().classify(a.address()).verdict(), a.scope());
      }
      if (i.name().equals("lo")) {
        assertEquals(327723, i.rxBytes());
        assertNull(i.speedBps()); // no /sys here, and loopback has no speed anyway
      }
    }
  }
}
