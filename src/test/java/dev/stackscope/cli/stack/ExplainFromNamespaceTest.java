package dev.stackscope.cli.stack;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.Wait;
import java.io.File;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code explain --from PID} against a process in a network namespace made here ({@code ip netns}):
 * a veth pair inside it with 10.213.7.1/24 and fd5c:0:7::1/64, a default route through
 * 10.213.7.254, and python's http.server listening on every IPv4 address there. The address steps
 * are the namespace's (its addresses, its listener, its routes, not this host's), and {@code
 * --http} asks the server from inside; without {@code --from}, nothing listens on 127.0.0.1 there.
 */
class ExplainFromNamespaceTest {
  private static final String OWN_V4 = "10.213.7.1";
  private static final String OWN_V6 = "fd5c:0:7::1";
  private static String netns;
  private static Process server;
  private static String pid;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (ip netns, setns)");
    assumeTrue(
        new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute(),
        "iproute2's ip is absent");
    assumeTrue(run("python3", "-c", "pass") == 0, "python3 is absent");
    netns = "ssfrom-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    assumeTrue(run("ip", "netns", "add", netns) == 0, "cannot create a network namespace here");
    String[][] setup = {
      {"ip", "link", "set", "lo", "up"},
      {"ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1"},
      {"ip", "addr", "add", OWN_V4 + "/24", "dev", "v0"},
      {"ip", "-6", "addr", "add", OWN_V6 + "/64", "dev", "v0", "nodad"},
      {"ip", "link", "set", "v1", "up"},
      {"ip", "link", "set", "v0", "up"},
      {"ip", "route", "add", "default", "via", "10.213.7.254"},
    };
    for (String[] step : setup) {
      List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", netns));
      c.addAll(List.of(step));
      if (run(c.toArray(String[]::new)) != 0) {
        stop();
        assumeTrue(false, "cannot set up the namespace: " + String.join(" ", step) + " failed");
      }
    }
    try (ServerSocket s = new ServerSocket()) {
      // a port nothing on this host's 127.0.0.1 holds: the namespace's own is free anyway
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = s.getLocalPort();
    }
    Path root = Files.createTempDirectory("ssfrom");
    root.toFile().deleteOnExit();
    // ip netns exec execs the server: the process is the server's
    server =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                netns,
                "python3",
                "-m",
                "http.server",
                "--bind",
                "0.0.0.0",
                "--directory",
                root.toString(),
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    pid = Long.toString(server.pid());
    String listening = String.format(":%04X 00000000:0000 0A", port);
    Wait.waitFor(
        () ->
            Files.readAllLines(Path.of("/proc", pid, "net", "tcp")).stream()
                .anyMatch(l -> l.contains(listening)),
        "http.server listening on port " + port + " in " + netns);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
    if (netns != null) {
      run("ip", "netns", "del", netns);
    }
  }

  private static JsonNode step(Result r) {
    assertEquals(1, r.json().get("addresses").size(), r::toString);
    return r.json().get("addresses").get(0);
  }

  @Test
  void aLoopbackListenerOnlyItsNamespaceHasIsFoundFromIt() {
    Result from = stackscope("explain", "127.0.0.1:" + port, "--from", pid, "--json");
    assertEquals(0, from.exitCode(), from::toString);
    JsonNode a = step(from);
    assertTrue(a.get("local").asBoolean(), from::toString);
    assertTrue(a.get("listener").isObject(), from::toString);
    assertEquals(Integer.parseInt(pid), a.get("listener").get("pids").get(0).asInt());
    assertEquals("0.0.0.0", a.get("listener").get("address").asText());
    JsonNode f = from.json().get("from");
    assertTrue(f.get("ownNetworkNamespace").asBoolean());
    assertEquals("process", f.get("addressStepsFrom").asText());
    assertEquals(netns, f.get("netns").get("name").asText(), "ip netns's name: " + f);
    assertTrue(f.get("lookup").isNull(), "an address literal is not looked up");

    Result here = stackscope("explain", "127.0.0.1:" + port, "--json");
    assertEquals(0, here.exitCode(), here::toString);
    assertTrue(step(here).get("listener").isNull(), "this host's 127.0.0.1: " + here);
    assertTrue(here.json().get("from") == null, here::toString);

    Result text = stackscope("explain", "127.0.0.1:" + port, "--from", pid);
    List<String> lines = text.lines();
    assertEquals(
        "PID "
            + pid
            + " has a network namespace of its own ("
            + netns
            + "): the address steps show its addresses,"
            + " listeners and routes",
        lines.get(lines.size() - 1));
  }

  @Test
  void itsOwnAddressesAndRoutesAreTheNamespaces() {
    Result v4 = stackscope("explain", OWN_V4 + ":" + port, "--from", pid, "--json");
    JsonNode a = step(v4);
    assertTrue(a.get("local").asBoolean(), v4::toString);
    assertEquals(Integer.parseInt(pid), a.get("listener").get("pids").get(0).asInt(), v4::toString);

    Result v6 = stackscope("explain", "[" + OWN_V6 + "]:" + port, "--from", pid, "--json");
    JsonNode b = step(v6);
    assertTrue(b.get("local").asBoolean(), v6::toString);
    assertTrue(b.get("listener").isNull(), "the server listens on IPv4 only: " + v6);

    Result onLink = stackscope("explain", "10.213.7.9:80", "--from", pid, "--json");
    JsonNode c = step(onLink);
    assertFalse(c.get("local").asBoolean(), onLink::toString);
    assertTrue(c.get("onLink").asBoolean(), onLink::toString);
    assertEquals("v0", c.get("interfaceName").asText(), onLink::toString);

    Result away = stackscope("explain", "198.51.100.7:80", "--from", pid, "--json");
    JsonNode d = step(away);
    assertEquals("10.213.7.254", d.get("gateway").asText(), away::toString);
    assertEquals("v0", d.get("interfaceName").asText(), away::toString);

    Result here = stackscope("explain", "198.51.100.7:80", "--json");
    assertTrue(
        !"v0".equals(step(here).get("interfaceName").asText(null)), "this host has no v0: " + here);
  }

  @Test
  void thisHostsOwnAddressIsNotTheNamespaces() throws Exception {
    String mine = null;
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (!a.isLoopbackAddress() && !(a instanceof Inet6Address) && mine == null) {
          mine = a.getHostAddress();
        }
      }
    }
    assumeTrue(mine != null, "this host has no IPv4 address but loopback");
    Result here = stackscope("explain", mine + ":80", "--json");
    assertTrue(step(here).get("local").asBoolean(), here::toString);
    Result from = stackscope("explain", mine + ":80", "--from", pid, "--json");
    JsonNode a = step(from);
    assertFalse(a.get("local").asBoolean(), from::toString);
    assertEquals("10.213.7.254", a.get("gateway").asText(), from::toString);
  }

  @Test
  void theHttpRequestIsMadeFromItsNamespace() {
    String url = "http://127.0.0.1:" + port + "/";
    Result from = stackscope("explain", url, "--from", pid, "--http", "--json");
    assertEquals(0, from.exitCode(), from::toString);
    JsonNode j = from.json();
    assertTrue(j.get("connect").get("ok").asBoolean(), from::toString);
    assertEquals(200, j.get("http").get("response").get("status").asInt(), from::toString);
    assertEquals("process", j.get("from").get("connectFrom").asText());
    assertTrue(
        j.get("http").get("response").toString().toLowerCase(Locale.ROOT).contains("simplehttp"),
        "python's server answered: " + from);

    Result here = stackscope("explain", url, "--http", "--json");
    assertEquals(1, here.exitCode(), here::toString);
    assertFalse(here.json().get("connect").get("ok").asBoolean(), here::toString);

    Result text = stackscope("explain", url, "--from", pid, "--http");
    assertEquals(0, text.exitCode(), text::toString);
    assertTrue(text.out().contains("HTTP/1.0 200"), text.out());
    List<String> lines = text.lines();
    assertTrue(
        lines
            .get(lines.size() - 1)
            .contains("the connect and the HTTP request were made from it, and the address steps"),
        text.out());
  }

  static int run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
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
