package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A real NAT: three network namespaces made by the test — the client, a router doing iptables
 * MASQUERADE, and a server with two addresses running coturn — joined by veth pairs, with private
 * test addresses that exist only inside them. The tool runs inside the client namespace ({@code ip
 * netns exec}) and must report "behind NAT: yes" with the router's outside address, and Linux NAT's
 * behaviour: endpoint-independent mapping, address-and-port-dependent filtering. Root only;
 * everything is deleted afterwards, also on failure.
 */
class NamespaceNatTest {
  private static final String CLIENT = "10.201.7.2";
  private static final String ROUTER_IN = "10.201.7.1";
  private static final String ROUTER_OUT = "172.29.7.1";
  private static final String SERVER = "172.29.7.2";
  private static final String SERVER_ALT = "172.29.7.3";

  @Test
  void toolInsideTheNatSeesTheTranslatedAddress() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
    assumeTrue(PythonIpaddressOracleTest.onPath("ip"), "iproute2 'ip' absent");
    assumeTrue(PythonIpaddressOracleTest.onPath("iptables"), "iptables absent");
    assumeTrue(Coturn.available(), "turnserver (Debian package coturn) absent");
    String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    String in = "ssin" + id;
    String rt = "ssrt" + id;
    String out = "ssout" + id;
    List<String> created = new ArrayList<>();
    try {
      for (String ns : List.of(in, rt, out)) {
        assumeTrue(run("ip", "netns", "add", ns) == 0, "cannot create network namespaces here");
        created.add(ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
      }
      sh(
          "ip",
          "link",
          "add",
          "ssa" + id,
          "netns",
          in,
          "type",
          "veth",
          "peer",
          "name",
          "ssb" + id,
          "netns",
          rt);
      sh(
          "ip",
          "link",
          "add",
          "ssc" + id,
          "netns",
          rt,
          "type",
          "veth",
          "peer",
          "name",
          "ssd" + id,
          "netns",
          out);
      sh("ip", "-n", in, "addr", "add", CLIENT + "/24", "dev", "ssa" + id);
      sh("ip", "-n", rt, "addr", "add", ROUTER_IN + "/24", "dev", "ssb" + id);
      sh("ip", "-n", rt, "addr", "add", ROUTER_OUT + "/24", "dev", "ssc" + id);
      sh("ip", "-n", out, "addr", "add", SERVER + "/24", "dev", "ssd" + id);
      sh("ip", "-n", out, "addr", "add", SERVER_ALT + "/24", "dev", "ssd" + id);
      sh("ip", "-n", in, "link", "set", "ssa" + id, "up");
      sh("ip", "-n", rt, "link", "set", "ssb" + id, "up");
      sh("ip", "-n", rt, "link", "set", "ssc" + id, "up");
      sh("ip", "-n", out, "link", "set", "ssd" + id, "up");
      sh("ip", "-n", in, "route", "add", "default", "via", ROUTER_IN);
      sh("ip", "netns", "exec", rt, "sysctl", "-qw", "net.ipv4.ip_forward=1");
      assumeTrue(
          run(
                  "ip",
                  "netns",
                  "exec",
                  rt,
                  "iptables",
                  "-t",
                  "nat",
                  "-A",
                  "POSTROUTING",
                  "-o",
                  "ssc" + id,
                  "-j",
                  "MASQUERADE")
              == 0,
          "iptables NAT unavailable (kernel module?)");

      int port = 3478;
      try (Coturn coturn =
          Coturn.start(List.of("ip", "netns", "exec", out), List.of(SERVER, SERVER_ALT), port)) {
        awaitListening(out, coturn, port);
        Result r = runTool(in, "nat", "--json", "--timeout", "2", "--stun", SERVER + ":" + port);
        JsonNode json = r.json();
        JsonNode stun = json.path("stun");
        assertTrue(stun.path("behindNat").asBoolean(false), r + coturn.log());
        assertEquals(ROUTER_OUT, stun.path("mappedAddress").asText(), r.out());
        assertTrue(stun.path("localAddress").asText().startsWith(CLIENT + ":"), r.out());
        assertEquals(SERVER_ALT + ":" + (port + 1), stun.path("otherAddress").asText(), r.out());
        assertEquals("endpoint-independent", stun.path("mapping").asText(), r.out());
        assertEquals("address-and-port-dependent", stun.path("filtering").asText(), r.out());
        assertEquals(ROUTER_IN, json.path("gateway").path("address").asText(), r.out());
        assertEquals("behind-more-nat", json.path("assessment").asText(), r.out());
        String text = runTool(in, "nat", "--timeout", "1", "--stun", SERVER + ":" + port).out();
        assertTrue(text.contains("behind NAT       yes"), text);
        assertTrue(text.contains("mapped address   " + ROUTER_OUT + " port "), text);
      }
    } finally {
      for (String ns : created) {
        run("ip", "netns", "del", ns); // takes its veth ends along
      }
    }
  }

  private static void awaitListening(String ns, Coturn coturn, int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      assertTrue(coturn.alive(), "turnserver exited: " + coturn.log());
      Process p =
          new ProcessBuilder("ip", "netns", "exec", ns, "ss", "-Hnlu")
              .redirectErrorStream(true)
              .start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      if (s.contains(SERVER + ":" + port) && s.contains(SERVER_ALT + ":" + (port + 1))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("turnserver is not listening: " + coturn.log());
  }

  /** Runs stackscope's Main in a fresh JVM inside namespace {@code ns}; it must exit 0. */
  private static Result runTool(String ns, String... args) {
    Result r =
        CliRunner.java(
            Path.of("."),
            List.of("ip", "netns", "exec", ns),
            System.getProperty("java.class.path"),
            args);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
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
