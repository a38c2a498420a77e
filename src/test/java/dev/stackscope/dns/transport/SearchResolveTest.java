package dev.stackscope.dns.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.host.Host;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dns resolve NAME --search end to end: this host's resolv.conf, hosts and nsswitch.conf are a
 * fixture /etc handed to the command as its host, the nameserver an Unbound on a loopback address
 * of its own (port 53, as resolv.conf cannot name a port) that logs every query. The queries sent
 * and the answer are asserted from the JSON and the log; {@code dig +search}, run in a mount
 * namespace where the fixture is /etc/resolv.conf, is the oracle for the order of the candidates.
 */
class SearchResolveTest {
  private static LoopbackDaemons files;
  private static Path etc;
  private static Path log;
  private static String server;

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require("unbound dnsutils util-linux", "unbound", "dig", "unshare");
    assumeTrue(
        LoopbackDaemons.exec(Duration.ofSeconds(5), "id", "-u").strip().equals("0"),
        "not root: Unbound must bind port 53");
    server = freeLoopbackAddress();
    files = new LoopbackDaemons();
    Path dir = files.dir();
    log = dir.resolve("queries.log");
    etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        etc.resolve("resolv.conf"),
        "search a.test b.test\noptions ndots:2 attempts:1 timeout:2\nnameserver " + server + "\n");
    Files.writeString(etc.resolve("hosts"), "192.0.2.99 fromhosts.test\n");
    Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
    files.write(
        "unbound.conf",
        "server:\n  interface: "
            + server
            + "@53\n  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
            + "  username: \"\"\n  chroot: \"\"\n  directory: \""
            + dir
            + "\"\n  pidfile: \""
            + dir.resolve("unbound.pid")
            + "\"\n  use-syslog: no\n  logfile: \""
            + log
            + "\"\n  log-queries: yes\n  module-config: \"iterator\"\n"
            + "  local-zone: \"test.\" static\n"
            + "  local-zone: \".\" static\n" // nothing else is looked up: no query leaves loopback
            + "  local-data: \"www.b.test. 300 IN A 192.0.2.30\"\n"
            + "  local-data: \"www.b.test. 300 IN AAAA 2001:db8::30\"\n"
            + "  local-data: \"deep.name.test. 300 IN A 192.0.2.40\"\n"
            + "remote-control:\n  control-enable: no\n");
    files.start("unbound", "unbound", "-d", "-c", dir.resolve("unbound.conf").toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!dig("+short", "www.b.test").contains("192.0.2.30")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Unbound did not start: " + files.logs());
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    if (files != null) {
      files.close();
    }
  }

  /** An address of 127/8 whose port 53 is free, picked at random (tests run side by side). */
  private static String freeLoopbackAddress() throws IOException {
    for (int i = 0; i < 20; i++) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      String a = "127." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
      try (DatagramSocket s =
          new DatagramSocket(new InetSocketAddress(InetAddress.getByName(a), 53))) {
        return a;
      } catch (IOException taken) {
        // another
      }
    }
    throw new IOException("no loopback address with a free port 53");
  }

  private static String dig(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dig", "@" + server, "+time=2", "+tries=1"));
    cmd.addAll(List.of(args));
    return LoopbackDaemons.exec(Duration.ofSeconds(10), cmd.toArray(String[]::new));
  }

  /**
   * The queries Unbound logged since the last call, as "NAME TYPE", a pair sent together in one
   * order ({@link dev.stackscope.dns.resolvconf.QueryPairs}).
   */
  private static List<String> queries() throws Exception {
    List<String> out = new ArrayList<>();
    String marker = "info: 127.";
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf(marker);
      if (at >= 0) {
        String[] w = line.substring(at + 6).split(" ");
        out.add(w[1] + " " + w[2]);
      }
    }
    Files.writeString(log, "");
    return dev.stackscope.dns.resolvconf.QueryPairs.canonical(out);
  }

  private static Result search(String name) {
    Host host = Host.builder().etc(etc).build();
    return new CliRunner().host(host).run("dns", "resolve", name, "--search", "--json");
  }

  /** dig +search with the fixture as /etc/resolv.conf (a private mount namespace). */
  private static List<String> digSearch(String name) throws Exception {
    queries();
    LoopbackDaemons.exec(
        Duration.ofSeconds(20),
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        "mount --bind \"$0\" /etc/resolv.conf && dig @\"$1\" +search +time=2 +tries=1 A \"$2\"",
        etc.resolve("resolv.conf").toString(),
        server,
        name);
    return queries();
  }

  @Test
  void theSearchListIsAppliedAsTheCLibraryDoes() throws Exception {
    queries();
    Result www = search("www");
    List<String> sent = queries();
    assertEquals(0, www.exitCode(), www::toString);
    assertEquals(
        List.of("www.a.test. A", "www.a.test. AAAA", "www.b.test. A", "www.b.test. AAAA"), sent);
    JsonNode l = www.json().get(0);
    assertEquals("dns", l.get("answeredBy").asText());
    assertEquals("www.b.test.", l.get("answerName").asText());
    List<String> addresses = new ArrayList<>();
    l.get("addresses").forEach(a -> addresses.add(a.asText()));
    assertEquals(List.of("192.0.2.30", "2001:db8::30"), addresses);
    assertEquals(2, l.get("searchQueries").asInt(), "www.a.test's A and AAAA");
    assertEquals(2, l.get("ndots").asInt());
    assertEquals(List.of("a.test", "b.test"), texts(l.get("search")));
    List<String> queried = new ArrayList<>();
    l.get("queries")
        .forEach(q -> queried.add(q.get("name").asText() + " " + q.get("type").asText()));
    assertEquals(sent, queried, "the JSON lists the queries the server saw, in order");
    assertEquals("NXDOMAIN", l.get("queries").get(0).get("outcome").asText());
    assertEquals(server + ":53", l.get("queries").get(0).get("server").asText());

    queries();
    Result deep = search("deep.name.test");
    assertEquals(
        List.of("deep.name.test. A", "deep.name.test. AAAA"), queries(), "ndots 2: as is first");
    assertEquals(0, deep.json().get(0).get("searchQueries").asInt());

    queries();
    Result pinned = search("fromhosts.test");
    assertEquals(List.of(), queries(), "the hosts file answers first: nothing sent");
    assertEquals("files", pinned.json().get(0).get("answeredBy").asText());

    queries();
    Result none = search("nothere");
    assertEquals(1, none.exitCode(), none::toString);
    assertEquals(
        List.of(
            "nothere.a.test. A",
            "nothere.a.test. AAAA",
            "nothere.b.test. A",
            "nothere.b.test. AAAA",
            "nothere. A",
            "nothere. AAAA"),
        queries());
  }

  @Test
  void theCandidatesAreDigSearchs() throws Exception {
    for (String name : new String[] {"www", "deep.name.test"}) {
      List<String> dig = digSearch(name);
      assumeTrue(!dig.isEmpty(), "dig +search sent nothing (no private mount namespace here)");
      queries();
      search(name);
      List<String> ours = queries().stream().filter(q -> q.endsWith(" A")).toList();
      assertEquals(dig, ours, name + ": the A queries, candidate by candidate");
    }
  }

  /**
   * getent ahosts NAME with {@code etcDir}'s files as /etc and {@code hostname} as the hostname (a
   * private mount and UTS namespace), in {@code env}: the queries glibc's getaddrinfo sent.
   */
  private static List<String> getent(Path etcDir, String hostname, List<String> env, String name)
      throws Exception {
    queries();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                "echo \"$1\" > /proc/sys/kernel/hostname && for f in resolv.conf hosts"
                    + " nsswitch.conf; do mount --bind \"$0/$f\" \"/etc/$f\" || exit 9; done"
                    + " && shift && exec env \"$@\"",
                etcDir.toString(),
                hostname));
    cmd.addAll(env);
    cmd.addAll(List.of("getent", "ahosts", name));
    LoopbackDaemons.exec(Duration.ofSeconds(30), cmd.toArray(String[]::new));
    return queries();
  }

  @Test
  void withoutASearchLineTheHostnamesDomainIsSearchedAsGetaddrinfoDoes() throws Exception {
    Path dir = Files.createDirectories(files.dir().resolve("nosearch"));
    Path noSearch = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        noSearch.resolve("resolv.conf"),
        "options attempts:1 timeout:2\nnameserver " + server + "\n");
    Files.writeString(noSearch.resolve("hosts"), "127.0.0.1 localhost\n");
    Files.writeString(noSearch.resolve("nsswitch.conf"), "hosts: files dns\n");
    Path proc = Files.createDirectories(dir.resolve("proc/sys/kernel"));
    Files.writeString(proc.resolve("hostname"), "h.b.test\n");
    List<String> glibc = getent(noSearch, "h.b.test", List.of(), "www");
    assumeTrue(!glibc.isEmpty(), "getent sent nothing (no private mount or UTS namespace here)");
    queries();
    Host host = Host.builder().etc(noSearch).proc(dir.resolve("proc")).build();
    Result r = new CliRunner().host(host).run("dns", "resolve", "www", "--search", "--json");
    assertEquals(glibc, queries(), r::toString);
    assertEquals(List.of("www.b.test. A", "www.b.test. AAAA"), glibc, "the domain b.test");
    JsonNode l = r.json().get(0);
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("hostname", l.get("searchFrom").asText());
    assertEquals("h.b.test", l.get("hostname").asText());
    assertEquals(List.of("b.test"), texts(l.get("search")));
    Result text = new CliRunner().host(host).run("dns", "resolve", "www", "--search");
    assertTrue(
        text.out().contains("search: b.test (the domain of the hostname h.b.test)"), text.out());
  }

  @Test
  void localdomainAndResOptionsOfStackscopesEnvironmentAsGetaddrinfoAppliesThem() throws Exception {
    // LOCALDOMAIN=test replaces the search list, RES_OPTIONS=ndots:3 the file's ndots:2: the
    // two-dot name is searched first (www.b.test.test.), then asked as it is
    List<String> env = List.of("LOCALDOMAIN=test", "RES_OPTIONS=ndots:3");
    List<String> glibc = getent(etc, "h.c.test", env, "www.b.test");
    assumeTrue(!glibc.isEmpty(), "getent sent nothing (no private mount or UTS namespace here)");
    queries();
    Host host = Host.builder().etc(etc).build();
    Result r =
        new CliRunner()
            .host(host)
            .env("LOCALDOMAIN", "test")
            .env("RES_OPTIONS", "ndots:3")
            .run("dns", "resolve", "www.b.test", "--search", "--json");
    assertEquals(glibc, queries(), r::toString);
    assertEquals(
        List.of("www.b.test.test. A", "www.b.test.test. AAAA", "www.b.test. A", "www.b.test. AAAA"),
        glibc);
    JsonNode l = r.json().get(0);
    assertEquals("localdomain", l.get("searchFrom").asText());
    assertEquals(3, l.get("ndots").asInt());
    assertEquals("www.b.test.", l.get("answerName").asText());
    queries();
    Result plain = search("www.b.test");
    assertEquals(
        List.of("www.b.test. A", "www.b.test. AAAA"),
        queries(),
        "without the environment: the file's ndots:2, as it is first");
    assertEquals("file", plain.json().get(0).get("searchFrom").asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(a -> out.add(a.asText()));
    return out;
  }
}
