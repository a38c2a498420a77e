package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ip --here} against the kernel's own answer, {@code ip route get}, inside a network
 * namespace the test makes: a veth pair to a second namespace, two IPv4 subnets on it, a route via
 * a gateway, a default route, an unreachable route, an IPv6 subnet and an IPv6 default route.
 * {@code ip route get} only asks the kernel: no packet is sent. Root only; the namespaces are
 * deleted afterwards, also on failure.
 */
class OutboundRouteNamespaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DESTINATIONS =
      List.of(
          "10.203.1.9", // on the first subnet
          "10.203.2.77", // on the second (secondary address) subnet
          "10.204.5.6", // via a gateway on the first subnet
          "198.51.100.7", // the default route, via a gateway on the second subnet
          "10.203.1.2", // this namespace's own address
          "10.203.2.2", // the other own address
          "127.0.0.9", // loopback
          "fd00:203:1::99", // on the IPv6 subnet
          "2001:db8:77::1", // the IPv6 default route
          "fd00:203:1::2"); // own IPv6 address

  @Test
  void agreesWithIpRouteGetInANamespace() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
    assumeTrue(PortsLiveTest.onPath("ip"), "iproute2 'ip' absent");
    String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    String ns = "sshere" + id;
    String peer = "sspeer" + id;
    List<String> created = new ArrayList<>();
    try {
      for (String n : List.of(ns, peer)) {
        assumeTrue(run("ip", "netns", "add", n) == 0, "cannot create network namespaces here");
        created.add(n);
        sh("ip", "-n", n, "link", "set", "lo", "up");
      }
      String dev = "ssh" + id;
      sh(
          "ip",
          "link",
          "add",
          dev,
          "netns",
          ns,
          "type",
          "veth",
          "peer",
          "name",
          "ssp" + id,
          "netns",
          peer);
      sh("ip", "-n", ns, "addr", "add", "10.203.1.2/24", "dev", dev);
      sh("ip", "-n", ns, "addr", "add", "10.203.2.2/24", "dev", dev);
      sh("ip", "-n", ns, "addr", "add", "fd00:203:1::2/64", "dev", dev, "nodad");
      sh("ip", "-n", ns, "link", "set", dev, "up");
      sh("ip", "-n", peer, "link", "set", "ssp" + id, "up");
      sh("ip", "-n", ns, "route", "add", "10.204.0.0/16", "via", "10.203.1.1");
      sh("ip", "-n", ns, "route", "add", "default", "via", "10.203.2.1");
      sh("ip", "-n", ns, "route", "add", "unreachable", "10.205.0.0/16");
      sh("ip", "-n", ns, "-6", "route", "add", "default", "via", "fd00:203:1::1", "dev", dev);

      List<String> args = new ArrayList<>(List.of("ip", "--here", "--json"));
      args.addAll(DESTINATIONS);
      Result r =
          CliRunner.java(
              Path.of("."),
              List.of("ip", "netns", "exec", ns),
              System.getProperty("java.class.path"),
              args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.toString());
      JsonNode ours = r.json();
      for (int i = 0; i < DESTINATIONS.size(); i++) {
        String d = DESTINATIONS.get(i);
        JsonNode kernel = JSON.readTree(output("ip", "-n", ns, "-j", "route", "get", d)).get(0);
        JsonNode mine = ours.get(i);
        String what = d + ": kernel " + kernel + " vs " + mine;
        boolean local = kernel.path("type").asText().equals("local");
        assertEquals(local, mine.get("own").asBoolean(), what);
        assertEquals(kernel.get("dev").asText(), mine.get("interfaceName").asText(), what);
        assertEquals(kernel.path("prefsrc").asText(null), mine.get("source").asText(null), what);
        assertEquals(kernel.path("gateway").asText(null), mine.get("gateway").asText(null), what);
      }
      // the unreachable route: the kernel refuses, and so does --here (exit 1, named on stderr)
      assumeTrue(run("ip", "-n", ns, "route", "get", "10.205.1.1") != 0, "kernel reached it");
      Result none =
          CliRunner.java(
              Path.of("."),
              List.of("ip", "netns", "exec", ns),
              System.getProperty("java.class.path"),
              "ip",
              "--here",
              "10.205.1.1");
      assertEquals(1, none.exitCode(), none.toString());
      assertEquals("stackscope: 10.205.1.1: no route to it (network unreachable)\n", none.err());
    } finally {
      for (String n : created) {
        run("ip", "netns", "del", n);
      }
    }
  }

  private static String output(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return s;
  }

  private static void sh(String... cmd) throws Exception {
    int rc = run(cmd);
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with " + rc);
    }
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
