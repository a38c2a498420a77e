package dev.stackscope.dns.transport;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dns resolve --as PID against a process in a mount and network namespace of its own (unshare) with
 * its own resolv.conf (search a.test b.test, ndots:5), hosts and nsswitch.conf, and an Unbound on
 * its own 127.0.0.1:53 that logs every query: the queries stackscope sends are the ones glibc's
 * getaddrinfo sends there (getent ahosts, through nsenter), in the same order, and the addresses
 * are getent's.
 */
class ProcessResolveTest {
  private static LoopbackDaemons files;
  private static Process namespace;
  private static long pid;
  private static Path log;

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require(
        "util-linux unbound iproute2 libc-bin",
        "unshare",
        "nsenter",
        "unbound",
        "getent",
        "ip",
        "dig");
    assumeTrue(
        LoopbackDaemons.exec(Duration.ofSeconds(5), "id", "-u").strip().equals("0"),
        "not root: unshare and setns need it");
    files = new LoopbackDaemons();
    Path dir = files.dir();
    log = dir.resolve("queries.log");
    files.write("resolv.conf", "search a.test b.test\noptions ndots:5\nnameserver 127.0.0.1\n");
    files.write("hosts", "127.0.0.1 localhost\n192.0.2.77 pinned.c.test pinned\n");
    files.write("nsswitch.conf", "passwd: files\nhosts: files dns\n");
    files.write(
        "unbound.conf",
        "server:\n  interface: 127.0.0.1@53\n  interface: 127.0.0.9@53\n  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
            + "  username: \"\"\n  chroot: \"\"\n  directory: \""
            + dir
            + "\"\n"
            + "  pidfile: \""
            + dir.resolve("unbound.pid")
            + "\"\n  use-syslog: no\n"
            + "  logfile: \""
            + log
            + "\"\n  log-queries: yes\n  module-config: \"iterator\"\n"
            + "  local-zone: \"test.\" static\n"
            + "  local-data: \"api.b.test. 300 IN A 192.0.2.10\"\n"
            + "  local-data: \"inside.b.test. 300 IN A 127.0.0.9\"\n"
            + "  local-data: \"api.example.test. 300 IN A 192.0.2.20\"\n"
            + "  local-data: \"api.example.test. 300 IN AAAA 2001:db8::20\"\n"
            + "remote-control:\n  control-enable: no\n");
    Path inner =
        files.write(
            "inner.sh",
            "ip link set lo up\n"
                + "mount --bind "
                + dir.resolve("resolv.conf")
                + " /etc/resolv.conf\n"
                + "mount --bind "
                + dir.resolve("hosts")
                + " /etc/hosts\n"
                + "mount --bind "
                + dir.resolve("nsswitch.conf")
                + " /etc/nsswitch.conf\n"
                + "unbound -d -c "
                + dir.resolve("unbound.conf")
                + " > "
                + dir.resolve("unbound.out")
                + " 2>&1 &\n"
                + "exec sleep 600\n");
    namespace =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "--net",
                "--fork",
                "--propagation",
                "private",
                "sh",
                inner.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("unshare.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      List<ProcessHandle> kids = namespace.children().toList();
      if (!kids.isEmpty()) {
        pid = kids.get(0).pid();
        String probe =
            LoopbackDaemons.exec(
                Duration.ofSeconds(5),
                "nsenter",
                "-t",
                String.valueOf(pid),
                "-n",
                "dig",
                "+short",
                "+time=1",
                "+tries=1",
                "@127.0.0.1",
                "api.b.test");
        if (probe.contains("192.0.2.10")) {
          break;
        }
      }
      if (System.nanoTime() > deadline || !namespace.isAlive()) {
        stop();
        throw new IllegalStateException("the namespace's Unbound did not start: " + files.logs());
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (namespace != null) {
      namespace.descendants().forEach(ProcessHandle::destroy);
      namespace.destroy();
      namespace.waitFor(5, TimeUnit.SECONDS);
    }
    if (files != null) {
      files.close();
    }
  }

  /**
   * The queries Unbound logged since the last call, as "NAME TYPE", a pair sent together in one
   * order ({@link dev.stackscope.dns.resolvconf.QueryPairs}).
   */
  private static List<String> queries() throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("info: 127.0.0.1 ");
      if (at >= 0) {
        String[] w = line.substring(at + 16).split(" ");
        out.add(w[0] + " " + w[1]);
      }
    }
    Files.writeString(log, "");
    return dev.stackscope.dns.resolvconf.QueryPairs.canonical(out);
  }

  @Test
  void theQueriesAndTheAnswerAreGetaddrinfos() throws Exception {
    for (String name : new String[] {"api", "api.example.test", "pinned", "nothere"}) {
      queries();
      String getent =
          LoopbackDaemons.exec(
              Duration.ofSeconds(30),
              "nsenter",
              "-t",
              String.valueOf(pid),
              "-m",
              "-n",
              "getent",
              "ahosts",
              name);
      List<String> glibc = queries();
      TreeSet<String> glibcAddresses = new TreeSet<>();
      for (String line : getent.strip().split("\n")) {
        if (!line.isBlank()) {
          glibcAddresses.add(line.split("\\s+")[0]);
        }
      }
      Result r = stackscope("dns", "resolve", name, "--as", String.valueOf(pid), "--json");
      List<String> ours = queries();
      assertEquals(glibc, ours, "the queries for " + name + ": " + r);
      JsonNode lookup = r.json().get(0);
      TreeSet<String> addresses = new TreeSet<>();
      lookup.get("addresses").forEach(a -> addresses.add(a.asText()));
      assertEquals(glibcAddresses, addresses, name + ": " + r);
      assertEquals(glibcAddresses.isEmpty() ? 1 : 0, r.exitCode(), r::toString);
      assertEquals(ours.size(), lookup.get("queries").size());
    }
  }

  @Test
  void theTextShowsEveryQueryAndWhatTheSearchListCost() {
    Result r = stackscope("dns", "resolve", "api.example.test", "--as", String.valueOf(pid));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("search: a.test b.test; ndots 5"), r.out());
    assertTrue(r.out().contains("api.example.test.a.test.  A     NXDOMAIN"), r.out());
    assertTrue(r.out().contains("answer from dns for api.example.test.: 192.0.2.20"), r.out());
    assertTrue(r.out().contains("the search list cost 4 queries"), r.out());
    Result pinned = stackscope("dns", "resolve", "pinned", "--as", String.valueOf(pid), "--json");
    assertEquals("files", pinned.json().get(0).get("answeredBy").asText());
    assertEquals(0, pinned.json().get(0).get("queries").size());
  }

  @Test
  void badAsIsAUsageErrorAndAMissingProcessAFailure() {
    Result both = stackscope("dns", "resolve", "x", "--as", "1", "--search");
    assertEquals(2, both.exitCode(), both::toString);
    Result server = stackscope("dns", "resolve", "x", "--as", "1", "-s", "127.0.0.1");
    assertEquals(2, server.exitCode(), server::toString);
    Result types = stackscope("dns", "resolve", "x", "MX", "--search");
    assertEquals(2, types.exitCode(), types::toString);
    Result gone = stackscope("dns", "resolve", "x", "--as", "2147483647");
    assertEquals(1, gone.exitCode(), gone::toString);
    assertTrue(gone.err().contains("no such process"), gone.err());
  }

  /** getent ahosts's addresses of {@code name} in the namespace, and the queries it sent. */
  private static String getent(String name) throws Exception {
    return LoopbackDaemons.exec(
        Duration.ofSeconds(30),
        "nsenter",
        "-t",
        String.valueOf(pid),
        "-m",
        "-n",
        "getent",
        "ahosts",
        name);
  }

  /** glibc 2.36 and later know options no-aaaa; older ones ignore it. */
  private static boolean glibcKnowsNoAaaa() throws Exception {
    String v = LoopbackDaemons.exec(Duration.ofSeconds(5), "ldd", "--version");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)")
            .matcher(v.lines().findFirst().orElse(""));
    return m.find()
        && (Integer.parseInt(m.group(1)) > 2
            || (Integer.parseInt(m.group(1)) == 2 && Integer.parseInt(m.group(2)) >= 36));
  }

  @Test
  void noAaaaAndSingleRequestAsGlibcAppliesThem() throws Exception {
    assumeTrue(glibcKnowsNoAaaa(), "the installed glibc is older than 2.36: no options no-aaaa");
    Path conf = files.dir().resolve("resolv.conf");
    String before = Files.readString(conf);
    try {
      // the bind mount shows the same file: rewriting it in place changes the namespace's view
      Files.writeString(
          conf,
          "search a.test b.test\noptions ndots:5 no-aaaa single-request attempts:1 timeout:2\n"
              + "nameserver 127.0.0.1\n");
      queries();
      String glibcAnswer = getent("api.example.test");
      List<String> glibc = queries();
      Result r =
          stackscope("dns", "resolve", "api.example.test", "--as", String.valueOf(pid), "--json");
      List<String> ours = queries();
      assertEquals(glibc, ours, r::toString);
      assertTrue(ours.stream().noneMatch(q -> q.endsWith(" AAAA")), ours::toString);
      JsonNode l = r.json().get(0);
      assertEquals("a-only", l.get("pairing").asText());
      assertEquals(1, l.get("attempts").asInt());
      assertEquals(2, l.get("timeoutSeconds").asInt());
      TreeSet<String> glibcAddresses = new TreeSet<>();
      glibcAnswer
          .lines()
          .filter(x -> !x.isBlank())
          .forEach(x -> glibcAddresses.add(x.split("\\s+")[0]));
      TreeSet<String> addresses = new TreeSet<>();
      l.get("addresses").forEach(a -> addresses.add(a.asText()));
      assertEquals(glibcAddresses, addresses, "no AAAA asked: IPv4 only, as getent");
      Result text = stackscope("dns", "resolve", "api.example.test", "--as", String.valueOf(pid));
      assertTrue(text.out().contains("no AAAA query (no-aaaa)"), text.out());
    } finally {
      Files.writeString(conf, before);
    }
  }

  @Test
  void explainFromThePidLooksUpAsDnsResolveAsAndConnectsFromItsNamespace() throws Exception {
    for (String name : new String[] {"api.example.test", "api", "pinned"}) {
      queries();
      Result resolve = stackscope("dns", "resolve", name, "--as", String.valueOf(pid), "--json");
      List<String> asQueries = queries();
      Result explain =
          stackscope("explain", name + ":443", "--from", String.valueOf(pid), "--json");
      List<String> fromQueries = queries();
      assertEquals(asQueries, fromQueries, name + ": " + explain);
      assertEquals(resolve.exitCode(), explain.exitCode(), explain::toString);
      JsonNode lookup = explain.json().get("from").get("lookup");
      JsonNode expected = resolve.json().get(0);
      for (String field : new String[] {"answeredBy", "answerName", "searchQueries", "pairing"}) {
        assertEquals(expected.get(field), lookup.get(field), name + " " + field);
      }
      assertEquals(expected.get("addresses"), lookup.get("addresses"), name);
      List<String> names = new ArrayList<>();
      lookup
          .get("queries")
          .forEach(q -> names.add(q.get("name").asText() + " " + q.get("type").asText()));
      List<String> expectedNames = new ArrayList<>();
      expected
          .get("queries")
          .forEach(q -> expectedNames.add(q.get("name").asText() + " " + q.get("type").asText()));
      assertEquals(expectedNames, names, name);
      TreeSet<String> explained = new TreeSet<>();
      explain.json().get("addresses").forEach(a -> explained.add(a.get("address").asText()));
      TreeSet<String> resolved = new TreeSet<>();
      expected.get("addresses").forEach(a -> resolved.add(a.asText()));
      assertEquals(resolved, explained, name);
      assertTrue(explain.json().get("from").get("ownNetworkNamespace").asBoolean());
    }
    Result text = stackscope("explain", "api.example.test", "--from", String.valueOf(pid));
    assertEquals(0, text.exitCode(), text::toString);
    assertTrue(text.out().contains("api.example.test.a.test.  A     NXDOMAIN"), text.out());
    assertTrue(text.out().contains("the search list cost 4 queries"), text.out());
  }

  @Test
  void explainFromThePidConnectsInsideItsNamespace() throws Exception {
    Result here = stackscope("explain", "127.0.0.9:53", "--connect", "--json");
    assumeTrue(
        here.exitCode() == 1, "something listens on 127.0.0.9:53 on this host: " + here.out());
    Result r =
        stackscope("explain", "inside:53", "--from", String.valueOf(pid), "--connect", "--json");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("127.0.0.9", r.json().get("connect").get("address").asText(), r::toString);
    assertTrue(r.json().get("connect").get("ok").asBoolean(), r::toString);
    assertEquals("process", r.json().get("from").get("connectFrom").asText());
    // the address step is the namespace's: its Unbound listens there, nothing here does
    JsonNode listener = r.json().get("addresses").get(0).get("listener");
    assertEquals("unbound", listener.get("program").asText(), r::toString);
    assertEquals("process", r.json().get("from").get("addressStepsFrom").asText());
    assertEquals("inside.b.test.", r.json().get("from").get("lookup").get("answerName").asText());
  }

  @Test
  void explainFromBadInput() {
    Result server = stackscope("explain", "x.test", "--from", "1", "-s", "127.0.0.1");
    assertEquals(2, server.exitCode(), server::toString);
    Result zero = stackscope("explain", "x.test", "--from", "0", "--http");
    assertEquals(2, zero.exitCode(), zero::toString);
    Result gone = stackscope("explain", "x.test", "--from", "2147483647");
    assertEquals(1, gone.exitCode(), gone::toString);
    assertTrue(gone.err().contains("no such process"), gone.err());
  }

  @Test
  void withoutASearchLineTheHostnameOfItsUtsNamespaceGivesTheSearchList() throws Exception {
    Path conf =
        files.write("nosearch.conf", "options attempts:1 timeout:2\nnameserver 127.0.0.1\n");
    // a process in the namespace's network, with a mount and UTS namespace (hostname) of its own
    Process p =
        new ProcessBuilder(
                "nsenter",
                "-t",
                String.valueOf(pid),
                "-m",
                "-n",
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                "echo h.b.test > /proc/sys/kernel/hostname && mount --bind \"$0\" /etc/resolv.conf"
                    + " && exec sleep 120",
                conf.toString())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Path comm = Path.of("/proc/" + p.pid() + "/comm");
      while (!Files.readString(comm).strip().equals("sleep")) {
        assertTrue(System.nanoTime() < deadline, "unshare did not exec sleep");
        Thread.sleep(20);
      }
      queries();
      String glibcAnswer =
          LoopbackDaemons.exec(
              Duration.ofSeconds(30),
              "nsenter",
              "-t",
              String.valueOf(p.pid()),
              "-m",
              "-n",
              "-u",
              "getent",
              "ahosts",
              "api");
      List<String> glibc = queries();
      Result r = stackscope("dns", "resolve", "api", "--as", String.valueOf(p.pid()), "--json");
      List<String> ours = queries();
      assertEquals(glibc, ours, r::toString);
      assertEquals("api.b.test. A", ours.get(0), "the hostname h.b.test: search b.test");
      JsonNode l = r.json().get(0);
      assertEquals("hostname", l.get("searchFrom").asText(), r::toString);
      assertEquals("h.b.test", l.get("hostname").asText());
      assertTrue(glibcAnswer.contains("192.0.2.10"), glibcAnswer);
      assertEquals("192.0.2.10", l.get("addresses").get(0).asText());
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void localdomainAndResOptionsOfItsEnvironmentAsGetaddrinfoAppliesThem() throws Exception {
    String[] env = {"env", "LOCALDOMAIN=b.test", "RES_OPTIONS=ndots:1"};
    List<String> sleeper =
        new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-m", "-n"));
    sleeper.addAll(List.of(env));
    sleeper.addAll(List.of("sleep", "120"));
    Process p = new ProcessBuilder(sleeper).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Path comm = Path.of("/proc/" + p.pid() + "/comm");
      while (!Files.readString(comm).strip().equals("sleep")) {
        assertTrue(System.nanoTime() < deadline, "nsenter did not exec sleep");
        Thread.sleep(20);
      }
      queries();
      List<String> getent =
          new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-m", "-n"));
      getent.addAll(List.of(env));
      getent.addAll(List.of("getent", "ahosts", "api"));
      String glibcAnswer =
          LoopbackDaemons.exec(Duration.ofSeconds(30), getent.toArray(String[]::new));
      List<String> glibc = queries();
      Result r = stackscope("dns", "resolve", "api", "--as", String.valueOf(p.pid()), "--json");
      List<String> ours = queries();
      assertEquals(glibc, ours, r::toString);
      assertEquals("api.b.test. A", ours.get(0), "LOCALDOMAIN=b.test is the search list");
      JsonNode l = r.json().get(0);
      assertEquals(1, l.get("ndots").asInt(), "RES_OPTIONS=ndots:1");
      assertEquals("b.test", l.get("search").get(0).asText());
      assertTrue(glibcAnswer.contains("192.0.2.10"), glibcAnswer);
      assertEquals("192.0.2.10", l.get("addresses").get(0).asText());
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
