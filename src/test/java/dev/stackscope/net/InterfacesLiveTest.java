package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.host.Host;
import dev.stackscope.ip.Verdict;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The interface reader on the live host, with ip(8) as the oracle when present. */
class InterfacesLiveTest {
  private static final HostNetwork HOST = Host.live().interfaces().read();

  @Test
  void loopbackIsUpWithItsAddress() {
    NetInterface lo =
        HOST.interfaces().stream()
            .filter(
                i ->
                    i.addresses().stream()
                        .anyMatch(a -> a.address().toString().equals("127.0.0.1")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no interface with 127.0.0.1: " + HOST));
    assertTrue(lo.up());
    IfaceAddress a =
        lo.addresses().stream()
            .filter(x -> x.address().toString().equals("127.0.0.1"))
            .findFirst()
            .get();
    assertEquals(8, a.prefixLength());
    assertEquals(Verdict.LOOPBACK, a.scope());
    assertTrue(lo.loopback());
  }

  @Test
  void loopbackCountsTheBytesThisTestSendsOverIt() throws Exception {
    long before = loopback(Host.live().interfaces().read()).rxBytes();
    byte[] payload = new byte[256 * 1024];
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      client.getOutputStream().write(payload);
      client.shutdownOutput();
      assertEquals(payload.length, accepted.getInputStream().readAllBytes().length);
    }
    NetInterface lo = loopback(Host.live().interfaces().read());
    // Other traffic on lo only adds to the count; the payload alone is 256 KiB.
    assertTrue(lo.rxBytes() >= before + payload.length, "before " + before + ", after: " + lo);
  }

  private static NetInterface loopback(HostNetwork host) {
    return host.interfaces().stream()
        .filter(
            i -> i.addresses().stream().anyMatch(a -> a.address().toString().equals("127.0.0.1")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no interface with 127.0.0.1: " + host));
  }

  @Test
  void addressesMatchIp() throws Exception {
    assumeTrue(PortsLiveTest.onPath("ip"), "ip absent (Debian iproute2): no oracle");
    Process p = new ProcessBuilder("ip", "-o", "addr", "show").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    Set<String> theirs = new HashSet<>();
    for (String line : text.split("\n")) {
      // "2: eth0    inet 192.0.2.2/24 brd ... scope global eth0"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && (f[2].equals("inet") || f[2].equals("inet6"))) {
        String name = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
        theirs.add(name + " " + f[3]);
      }
    }
    Set<String> ours = new HashSet<>();
    for (NetInterface i : HOST.interfaces()) {
      for (IfaceAddress a : i.addresses()) {
        ours.add(i.name() + " " + a.address() + "/" + a.prefixLength());
      }
    }
    assertEquals(theirs, ours);
  }
}
