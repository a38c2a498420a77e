package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.io.File;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ports --all-netns} against real network namespaces: two {@code ip netns} namespaces made
 * here, each with a busybox httpd on the same loopback port; each listener is listed once, with its
 * namespace's name and its own process as owner, and plain {@code ports} lists neither.
 */
class NetnsPortsTest {
  @Test
  void listenersOfEveryNamespaceWithTheirNamesAndOwners() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (ip netns add)");
    assumeTrue(
        new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute(),
        "iproute2's ip is absent");
    assumeTrue(new File("/bin/busybox").canExecute(), "busybox (busybox-static) is absent");
    String base = "ssnet-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    List<String> names = List.of(base + "a", base + "b");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // a port in each namespace: free there anyway, picked at run time
    }
    List<Process> servers = new ArrayList<>();
    try {
      for (String ns : names) {
        assumeTrue(run("ip", "netns", "add", ns) == 0, "cannot create a network namespace here");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        servers.add(
            new ProcessBuilder(
                    "ip",
                    "netns",
                    "exec",
                    ns,
                    "/bin/busybox",
                    "httpd",
                    "-f",
                    "-p",
                    "127.0.0.1:" + port,
                    "-h",
                    "/tmp")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
      for (int i = 0; i < 50; i++) { // until both servers listen
        JsonNode rows =
            CliRunner.stackscope("ports", "--all-netns", "-t", "--port", "" + port, "--json")
                .json();
        if (rows.size() >= 2) {
          break;
        }
        Thread.sleep(100);
      }
      // /proc/PID/net tables in a fresh JVM; netlink from inside each namespace in the warm server
      List<CliRunner> runners = new ArrayList<>(List.of(new CliRunner()));
      TcpDiag diag = new TcpDiag();
      if (diag.enable()) {
        runners.add(new CliRunner().host(dev.stackscope.host.Host.live(diag)));
      }
      for (CliRunner runner : runners) {
        assertListed(runner, names, servers, port);
      }
      JsonNode plain = CliRunner.stackscope("ports", "-t", "--port", "" + port, "--json").json();
      for (JsonNode r : plain) {
        for (Process p : servers) {
          assertTrue(
              r.get("owners").findValues("pid").stream().noneMatch(x -> x.asLong() == p.pid()),
              "plain ports lists another namespace's socket: " + r);
        }
      }
    } finally {
      for (Process p : servers) {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      for (String ns : names) {
        run("ip", "netns", "del", ns);
      }
    }
  }

  private static void assertListed(
      CliRunner runner, List<String> names, List<Process> servers, int port) {
    JsonNode rows = runner.run("ports", "--all-netns", "-t", "--port", "" + port, "--json").json();
    for (int i = 0; i < names.size(); i++) {
      String ns = names.get(i);
      long pid = servers.get(i).pid(); // ip netns exec execs the server: same process
      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode r : rows) {
        if (ns.equals(r.path("netns").path("name").asText(null))) {
          mine.add(r);
        }
      }
      String all = rows_(rows);
      assertEquals(1, mine.size(), () -> ns + " in " + all);
      JsonNode r = mine.get(0);
      assertEquals("127.0.0.1", r.get("localAddress").asText());
      assertEquals(port, r.get("localPort").asInt());
      assertTrue(r.get("netns").get("inode").asLong() > 0);
      assertEquals(pid, r.get("owners").get(0).get("pid").asLong(), all);
      assertEquals("busybox", r.get("owners").get(0).get("process").asText());
    }
  }

  private static String rows_(JsonNode rows) {
    return rows == null ? "null" : rows.toString();
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
