package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.host.Host;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.testing.CliRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack map of a real mini stack (see {@link MiniStack}), sampled while requests flow. */
class MiniStackTest {
  static MiniStack stack;
  static StackMap map;
  static int served;

  @BeforeAll
  static void startStack() throws Exception {
    List<String> missing = MiniStack.missing();
    Assumptions.assumeTrue(missing.isEmpty(), "mini stack skipped, absent: " + missing);
    long t0 = System.nanoTime();
    stack = MiniStack.start();
    System.err.println("mini stack up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(
        stack.request(),
        "the stack answers through haproxy; gunicorn log: " + stack.log("gunicorn"));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    Runnable requests =
        () -> {
          while (running.get()) {
            if (stack.request()) {
              ok.incrementAndGet();
            }
          }
        };
    // two clients, so that a connection through every hop is open most of the time
    Thread traffic = new Thread(requests);
    Thread traffic2 = new Thread(requests);
    traffic.start();
    traffic2.start();
    try {
      Host live = Host.live();
      HostSnapshot host = new HostSnapshot(live.processes(), live.sockets(), live.interfaces());
      StackInputs seen =
          new StackSampler(host, x -> Thread.sleep(x.toMillis()), Duration.ofMillis(100))
              .sample(Duration.ofSeconds(3));
      map = new StackMapper(new RoleClassifier(RoleRules.builtIn()), host).map(seen).map();
    } finally {
      running.set(false);
      traffic.join();
      traffic2.join();
    }
    served = ok.get();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      long t0 = System.nanoTime();
      stack.close();
      System.err.println("mini stack down in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }

  /** The component whose processes include this PID (the stack's own, not a neighbour's). */
  static Component componentOf(long pid) {
    for (Component c : map.components()) {
      if (c.pids().contains((int) pid)) {
        return c;
      }
    }
    throw new AssertionError("no component holds pid " + pid + " in " + map.components());
  }

  static Component component(String started) {
    return componentOf(stack.serverPid(started));
  }

  @Test
  void everyComponentHasItsRoleAndRule() {
    assertRole("haproxy", Role.LOAD_BALANCER, "haproxy");
    assertRole("nginx", Role.WEB, "nginx");
    assertRole("gunicorn", Role.APP, "gunicorn");
    assertRole("postgres", Role.DATABASE, "postgres");
    assertRole("redis", Role.CACHE, "redis");
    assertRole("memcached", Role.CACHE, "memcached");
    Component worker = assertRole("jobrunner", Role.WORKER, "jobrunner");
    assertEquals(new RuleMatch(RuleMatch.Kind.BROKER_CLIENT, "redis"), worker.rule());
    assertEquals(Confidence.HIGH, component("nginx").confidence());
  }

  @Test
  void eachComponentShowsItsRootsUser() {
    // users are read only for the roots the map shows (HostSnapshot): compare with ps's view
    assertEquals(
        "postgres", component("postgres").user(), "postgres runs through runuser -u postgres");
    assertEquals("memcache", component("memcached").user(), "memcached drops to -u memcache");
    assertEquals(System.getProperty("user.name"), component("haproxy").user());
    assertEquals(System.getProperty("user.name"), component("nginx").user());
  }

  @Test
  void componentsAreProcessTrees() {
    Component nginx = component("nginx");
    assertEquals((int) stack.serverPid("nginx"), nginx.pids().get(0), "the master is the root");
    ProcessHandle.of(stack.serverPid("nginx"))
        .orElseThrow()
        .children()
        .forEach(w -> assertTrue(nginx.pids().contains((int) w.pid()), "worker " + w.pid()));
    assertTrue(nginx.pids().size() >= 3, "master and 2 workers: " + nginx.pids());
    Component gunicorn = component("gunicorn");
    assertTrue(gunicorn.pids().size() >= 3, "master and 2 workers: " + gunicorn.pids());
    Component postgres = component("postgres");
    ProcessHandle.of(stack.serverPid("postgres"))
        .orElseThrow()
        .children()
        .forEach(b -> assertTrue(postgres.pids().contains((int) b.pid()), "backend " + b.pid()));
    assertTrue(
        postgres.pids().size() >= 5, "postmaster, auxiliaries and backends: " + postgres.pids());
  }

  @Test
  void listenersAreLoopbackOnly() {
    assertListener("haproxy", stack.haproxyPort);
    assertListener("nginx", stack.nginxPort);
    assertListener("gunicorn", stack.gunicornPort);
    assertListener("postgres", stack.postgresPort);
    assertListener("redis", stack.redisPort);
    assertListener("memcached", stack.memcachedPort);
    assertTrue(component("jobrunner").listeners().isEmpty());
  }

  @Test
  void connectionsBecomeClientToServerEdges() {
    assertTrue(served > 0, "requests went through while sampling");
    assertEdge("haproxy", "nginx", stack.nginxPort);
    assertEdge("nginx", "gunicorn", stack.gunicornPort);
    assertEdge("gunicorn", "postgres", stack.postgresPort);
    assertEdge("gunicorn", "redis", stack.redisPort);
    assertEdge("gunicorn", "memcached", stack.memcachedPort);
    assertEdge("jobrunner", "redis", stack.redisPort);
    String gunicorn = component("gunicorn").id();
    String postgres = component("postgres").id();
    Edge db = edge(gunicorn, postgres);
    assertTrue(db.count() >= 2, "one connection per gunicorn worker: " + db);
    assertTrue(edge(postgres, gunicorn) == null, "no edge from server to client");
  }

  @Test
  void theCommandDrawsTheStackForGraphvizAndMermaid() throws Exception {
    CliRunner.Result dot = CliRunner.stackscope("stack", "--format", "dot");
    assertEquals(0, dot.exitCode(), dot.toString());
    String haproxy = component("haproxy").id();
    // idle, one snapshot: the app's lasting connections are there
    assertTrue(
        dot.out()
            .contains(
                "\"" + component("gunicorn").id() + "\" -> \"" + component("postgres").id() + "\""),
        dot.out());
    String mermaid = CliRunner.stackscope("stack", "--format", "mermaid").out();
    assertTrue(mermaid.startsWith("flowchart LR"), mermaid);
    assertTrue(mermaid.contains("load balancer"), mermaid);
    CliRunner.Result json = CliRunner.stackscope("stack", "--json");
    assertEquals(0, json.exitCode());
    JsonNode balancer = null;
    for (JsonNode c : json.json().path("components")) {
      if (c.path("id").asText().equals(haproxy)) {
        balancer = c;
      }
    }
    assertNotNull(balancer, json.out());
    assertEquals("load-balancer", balancer.path("role").asText(), json.out());
    assertEquals(
        "loopback only", balancer.path("listeners").path(0).path("scope").asText(), json.out());
    Assumptions.assumeTrue(MiniStack.which("dot") != null, "graphviz absent: DOT not rendered");
    Process p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(dot.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String svg =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), svg);
    assertTrue(svg.contains("<svg"), svg);
    java.nio.file.Path file = stack.dir.resolve("map.svg");
    CliRunner.Result r = CliRunner.stackscope("stack", "--svg", file.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(java.nio.file.Files.readString(file).contains(haproxy), "the SVG names haproxy");
    assertTrue(r.out().contains("load balancer"), "the text view still prints: " + r.out());
  }

  @Test
  void explainNamesTheListenerOfAUrl() {
    CliRunner.Result r =
        CliRunner.stackscope("explain", "http://127.0.0.1:" + stack.haproxyPort + "/", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode listener = r.json().path("addresses").path(0).path("listener");
    assertEquals("haproxy", listener.path("program").asText(), r.out());
    assertEquals("load-balancer", listener.path("role").asText(), r.out());
    assertEquals("loopback only", listener.path("scope").asText(), r.out());
    assertEquals(1, listener.path("pids").size(), r.out());
    assertEquals(stack.serverPid("haproxy"), listener.path("pids").get(0).asLong(), r.out());
    CliRunner.Result c =
        CliRunner.stackscope("explain", "127.0.0.1:" + stack.haproxyPort, "--connect");
    assertEquals(0, c.exitCode(), c.toString());
    assertTrue(c.out().contains("connected in"), c.out());
  }

  @Test
  void explainSaysWhenNothingListens() {
    int closed = MiniStack.freePort();
    CliRunner.Result r = CliRunner.stackscope("explain", "127.0.0.1:" + closed);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("nothing listens on port " + closed), r.out());
    CliRunner.Result c = CliRunner.stackscope("explain", "127.0.0.1:" + closed, "--connect");
    assertEquals(1, c.exitCode(), c.toString());
    assertTrue(c.err().contains("refused"), c.err());
  }

  static Component assertRole(String started, Role role, String program) {
    Component c = component(started);
    assertEquals(role, c.role(), c.toString());
    assertEquals(program, c.program(), c.toString());
    return c;
  }

  static void assertListener(String started, int port) {
    Component c = component(started);
    Listener l = c.listeners().stream().filter(x -> x.port() == port).findFirst().orElse(null);
    assertNotNull(l, c + " listens on " + port);
    assertEquals("127.0.0.1", l.address());
    assertEquals(Reach.LOOPBACK, l.scope());
  }

  static void assertEdge(String client, String server, int port) {
    Edge e = edge(component(client).id(), component(server).id());
    assertNotNull(e, client + " → " + server + " in " + map.edges());
    assertEquals(port, e.port());
    assertTrue(e.count() >= 1);
  }

  static Edge edge(String from, String to) {
    return map.edges().stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to))
        .findFirst()
        .orElse(null);
  }
}
