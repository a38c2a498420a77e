package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.TempDirs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Published ports followed in namespaces made here, with no container runtime: a "host" namespace
 * where stackscope runs (a fresh JVM through {@code ip netns exec}) and a "container" namespace
 * with busybox httpd on 10.213.0.2:8080. The host's listener on 127.0.0.1:18080 is held by a
 * program named as the runtime's (a link named {@code conmon} or {@code rootlessport} to busybox,
 * run with {@code exec -a httpd}: the kernel's comm is the file's name, busybox's applet argv[0]).
 *
 * <ul>
 *   <li>nftables: only an {@code nft} rule in {@code inet netavark}'s NETAVARK-HOSTPORT-DNAT says
 *       where the conmon's port leads ({@code iptables-save} shows none).
 *   <li>rootlessport: its child, {@code containers-rootlessport-child}, sleeps in the container's
 *       namespace; no rule at all.
 * </ul>
 */
class PublishedInNetnsTest {
  private static final int HOST_PORT = 18080;
  private static final int CONTAINER_PORT = 8080;

  private final List<String> created = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private Path dir;
  private String host;
  private String container;
  private long server;

  @BeforeEach
  void namespaces() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (ip netns add)");
    assumeTrue(
        new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute(),
        "iproute2's ip is absent");
    assumeTrue(new File("/bin/busybox").canExecute(), "busybox (busybox-static) is absent");
    assumeTrue(new File("/bin/bash").canExecute(), "bash is absent");
    String id = ProcessHandle.current().pid() + "" + System.nanoTime() % 10000;
    host = "sspubh" + id;
    container = "sspubc" + id;
    for (String ns : List.of(host, container)) {
      assumeTrue(run("ip", "netns", "add", ns) == 0, "cannot create a network namespace here");
      created.add(ns);
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    sh("ip", "-n", container, "addr", "add", "10.213.0.2/32", "dev", "lo");
    dir = Files.createTempDirectory("stackscope-published");
    Process httpd =
        start(
            "ip",
            "netns",
            "exec",
            container,
            "/bin/busybox",
            "httpd",
            "-f",
            "-p",
            "0.0.0.0:" + CONTAINER_PORT,
            "-h",
            dir.toString());
    server = httpd.pid(); // ip netns exec execs it: the same process
  }

  @AfterEach
  void remove() throws Exception {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    for (String ns : created) {
      run("ip", "netns", "del", ns);
    }
    if (dir != null) {
      TempDirs.deleteQuietly(dir);
    }
  }

  @Test
  void conmonsPortFollowedThroughAnNftablesRule() throws Exception {
    assumeTrue(new File("/usr/sbin/nft").canExecute(), "nft (Debian package nftables) is absent");
    Path rules = dir.resolve("netavark.nft");
    Files.writeString(
        rules,
        "table inet netavark {\n"
            + "  chain NETAVARK-HOSTPORT-DNAT {\n"
            + "    ip daddr 127.0.0.1 tcp dport "
            + HOST_PORT
            + " dnat ip to 10.213.0.2:"
            + CONTAINER_PORT
            + "\n  }\n}\n");
    sh("ip", "netns", "exec", host, "nft", "-f", rules.toString());
    long holder = publisher("conmon", "");

    JsonNode published = publishedAt(holder);

    assertEquals("conmon", published.get("via").asText());
    assertEquals("NETAVARK-HOSTPORT-DNAT", published.get("rule").asText());
    assertEquals("10.213.0.2", published.get("address").asText());
    assertFollowed(published);
  }

  @Test
  void rootlessportFollowedIntoItsChildsNamespace() throws Exception {
    Path exe = dir.resolve("exe");
    Files.createSymbolicLink(exe, Path.of(sleepProgram()));
    String child =
        "ip netns exec "
            + container
            + " bash -c 'exec -a containers-rootlessport-child "
            + exe
            + " 600' & ";
    long holder = publisher("rootlessport", child);

    JsonNode published = publishedAt(holder);

    assertEquals("rootlessport", published.get("via").asText());
    assertTrue(published.get("rule").isNull(), published.toString());
    assertNull(published.get("address").asText(null), "httpd listens on 0.0.0.0: no one address");
    assertFollowed(published);
    String text =
        CliRunner.java(
                Path.of("."),
                List.of("ip", "netns", "exec", host),
                System.getProperty("java.class.path"),
                "ports",
                "-t",
                "--port",
                "" + HOST_PORT)
            .out();
    assertTrue(
        text.contains(
            "→ "
                + container
                + " port "
                + CONTAINER_PORT
                + " (busybox "
                + server
                + ") via rootlessport"),
        text);
    // explain goes on into the container as well
    JsonNode e =
        CliRunner.java(
                Path.of("."),
                List.of("ip", "netns", "exec", host),
                System.getProperty("java.class.path"),
                "explain",
                "--json",
                "127.0.0.1:" + HOST_PORT)
            .json();
    JsonNode listener = e.get("addresses").get(0).get("listener");
    assertEquals("rootlessport", listener.get("published").get("via").asText(), e.toString());
    assertEquals(CONTAINER_PORT, listener.get("published").get("port").asInt(), e.toString());
    assertEquals(server, listener.get("pids").get(0).asLong(), e.toString());
  }

  private void assertFollowed(JsonNode published) {
    assertEquals(container, published.get("container").asText(), published.toString());
    assertEquals(container, published.get("netns").get("name").asText());
    assertEquals(CONTAINER_PORT, published.get("port").asInt());
    assertEquals(server, published.get("owners").get(0).get("pid").asLong(), published.toString());
  }

  /**
   * Starts, in the host namespace, a listener on 127.0.0.1:HOST_PORT whose comm is {@code name}
   * ({@code before}: shell words run first, its children then), and returns its PID once it
   * listens.
   */
  private long publisher(String name, String before) throws Exception {
    Path link = dir.resolve(name);
    Files.createSymbolicLink(link, Path.of("/bin/busybox"));
    Process p =
        start(
            "ip",
            "netns",
            "exec",
            host,
            "bash",
            "-c",
            before + "exec -a httpd " + link + " -f -p 127.0.0.1:" + HOST_PORT + " -h " + dir);
    for (int i = 0; i < 100; i++) {
      String comm = read(Path.of("/proc", "" + p.pid(), "comm"));
      if (comm.equals(name + "\n") && listening(p.pid())) {
        return p.pid();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " did not start listening");
  }

  private static boolean listening(long pid) {
    String tcp = read(Path.of("/proc", "" + pid, "net", "tcp"));
    // 0100007F:46A0 ... 0A: 127.0.0.1:18080 in the listening state
    return tcp.contains("0100007F:" + String.format("%04X", HOST_PORT) + " 00000000:0000 0A");
  }

  /** The {@code published} of the host namespace's listener held by {@code holder}. */
  private JsonNode publishedAt(long holder) {
    CliRunner.Result r =
        CliRunner.java(
            Path.of("."),
            List.of("ip", "netns", "exec", host),
            System.getProperty("java.class.path"),
            "ports",
            "-t",
            "--port",
            "" + HOST_PORT,
            "--json");
    assertEquals(0, r.exitCode(), r.toString());
    for (JsonNode row : r.json()) {
      JsonNode owners = row.get("owners");
      if (owners.size() > 0 && owners.get(0).get("pid").asLong() == holder) {
        JsonNode published = row.get("published");
        assertNotNull(published, row.toString());
        assertTrue(published.isObject(), row.toString());
        assertEquals(holder, published.get("viaPid").asLong());
        return published;
      }
    }
    throw new AssertionError("no listener of " + holder + " in " + r);
  }

  private static String sleepProgram() {
    for (String p : List.of("/usr/bin/sleep", "/bin/sleep")) {
      if (new File(p).canExecute()) {
        return p;
      }
    }
    throw new AssertionError("no sleep program");
  }

  private Process start(String... command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(p);
    return p;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sh(String... command) throws Exception {
    int rc = run(command);
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed with " + rc);
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
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
