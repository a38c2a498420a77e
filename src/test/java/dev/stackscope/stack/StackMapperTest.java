package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackSocket.State;
import dev.stackscope.stack.note.Note;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The map's logic on fixture inputs: grouping, edges, scopes, TIME_WAIT, sampling, remotes. */
class StackMapperTest {
  static final StackMapper MAPPER = new StackMapper(new RoleClassifier(RoleRules.builtIn()));
  static final InetAddress HOST = ip("10.0.0.5");

  final List<StackProcess> procs = new ArrayList<>();
  final List<StackSocket> socks = new ArrayList<>();

  static InetAddress ip(String s) {
    return AddressParser.parse(s).toInetAddress(); // a literal, never a lookup
  }

  void proc(int pid, int ppid, String comm, String argv) {
    procs.add(new StackProcess(pid, ppid, comm, Arrays.asList(argv.split(" ")), null, "www"));
  }

  void listen(String addr, int port, Integer... pids) {
    socks.add(
        new StackSocket(
            State.LISTEN,
            ip(addr),
            port,
            ip(addr.contains(":") ? "::" : "0.0.0.0"),
            0,
            List.of(pids)));
  }

  void conn(State st, String la, int lp, String ra, int rp, Integer... pids) {
    socks.add(new StackSocket(st, ip(la), lp, ip(ra), rp, List.of(pids)));
  }

  /**
   * A small web stack: nginx (master 10, workers 11 12) → gunicorn (20, 21) → postgres (30, 31).
   */
  void webStack() {
    proc(1, 0, "init", "/sbin/init");
    proc(10, 1, "nginx", "nginx: master process /usr/sbin/nginx");
    proc(11, 10, "nginx", "nginx: worker process");
    proc(12, 10, "nginx", "nginx: worker process");
    proc(20, 1, "gunicorn", "/usr/bin/python3 /usr/bin/gunicorn app:app");
    proc(21, 20, "gunicorn", "/usr/bin/python3 /usr/bin/gunicorn app:app");
    proc(30, 1, "postgres", "/usr/lib/postgresql/15/bin/postgres -D /srv/pg");
    proc(31, 30, "postgres", "postgres: www app 127.0.0.1(5000) idle");
    listen("0.0.0.0", 80, 10, 11, 12);
    listen("127.0.0.1", 8000, 20, 21);
    listen("127.0.0.1", 5432, 30);
  }

  StackMap map() {
    return map(new StackInputs(procs, socks, Set.of(IpAddress.of(HOST))));
  }

  static StackMap map(StackInputs in) {
    return MAPPER.map(in).map();
  }

  @Test
  void componentsAreProcessTreesInRequestFlowOrder() {
    webStack();
    StackMap m = map();
    assertEquals(
        List.of("nginx", "gunicorn", "postgres"),
        m.components().stream().map(Component::id).toList());
    assertEquals(List.of(10, 11, 12), m.component("nginx").pids());
    assertEquals(List.of(20, 21), m.component("gunicorn").pids());
    assertEquals(List.of(30, 31), m.component("postgres").pids());
    assertEquals(
        List.of(new Listener("tcp", "0.0.0.0", 80, Reach.ALL_INTERFACES)),
        m.component("nginx").listeners());
    assertEquals(Reach.LOOPBACK, m.component("postgres").listeners().get(0).scope());
  }

  @Test
  void edgesGoFromClientToTheListeningSide() {
    webStack();
    // both ends of each connection are listed, as the kernel does
    conn(State.ESTABLISHED, "127.0.0.1", 40001, "127.0.0.1", 8000, 11);
    conn(State.ESTABLISHED, "127.0.0.1", 8000, "127.0.0.1", 40001, 21);
    conn(State.ESTABLISHED, "127.0.0.1", 40002, "127.0.0.1", 8000, 12);
    conn(State.ESTABLISHED, "127.0.0.1", 8000, "127.0.0.1", 40002, 21);
    conn(State.ESTABLISHED, "127.0.0.1", 5000, "127.0.0.1", 5432, 21);
    conn(State.ESTABLISHED, "127.0.0.1", 5432, "127.0.0.1", 5000, 31);
    assertEquals(
        List.of(new Edge("nginx", "gunicorn", 8000, 2), new Edge("gunicorn", "postgres", 5432, 1)),
        map().edges());
  }

  @Test
  void ipv4MappedIpv6LoopbackAndTheHostsOwnAddressAreLocal() {
    webStack();
    listen("::", 6379, 40);
    proc(40, 1, "redis-server", "/usr/bin/redis-server *:6379");
    conn(State.ESTABLISHED, "::ffff:127.0.0.1", 41000, "::ffff:127.0.0.1", 6379, 21);
    // to the host's own address: reaches redis's wildcard listener, not postgres's loopback one
    conn(State.ESTABLISHED, "10.0.0.5", 41001, "10.0.0.5", 6379, 20);
    conn(State.ESTABLISHED, "10.0.0.5", 41002, "10.0.0.5", 5432, 20);
    StackMap m = map();
    assertEquals(List.of(new Edge("gunicorn", "redis", 6379, 2)), m.edges());
    assertTrue(m.external().isEmpty(), "the host's own address is not a remote: " + m.external());
  }

  @Test
  void timeWaitCountsAsRecentlySeen() {
    webStack();
    // nginx's short connections to gunicorn: one live, one already closed by gunicorn
    conn(State.ESTABLISHED, "127.0.0.1", 40001, "127.0.0.1", 8000, 11);
    conn(State.TIME_WAIT, "127.0.0.1", 8000, "127.0.0.1", 39999);
    assertEquals(List.of(new Edge("nginx", "gunicorn", 8000, 2)), map().edges());
  }

  @Test
  void aTimeWaitWithNoKnownClientIsANote() {
    webStack();
    conn(State.TIME_WAIT, "127.0.0.1", 8000, "127.0.0.1", 39999);
    StackMapper.Result r = MAPPER.map(new StackInputs(procs, socks, Set.of(IpAddress.of(HOST))));
    assertTrue(r.map().edges().isEmpty());
    assertEquals(
        List.of(Note.connections(Note.Kind.UNIDENTIFIED_CLIENT, "gunicorn", 8000, 1)), r.notes());
  }

  @Test
  void aClosedSelfConnectionIsNamedAsSuch() {
    webStack();
    // gunicorn connected to its own listener (a health check): one live, one closed by the client
    conn(State.ESTABLISHED, "127.0.0.1", 40010, "127.0.0.1", 8000, 21);
    conn(State.ESTABLISHED, "127.0.0.1", 8000, "127.0.0.1", 40010, 21);
    conn(State.TIME_WAIT, "127.0.0.1", 40011, "127.0.0.1", 8000);
    StackMapper.Result r = MAPPER.map(new StackInputs(procs, socks, Set.of(IpAddress.of(HOST))));
    assertTrue(r.map().edges().isEmpty(), "no edge from a component to itself: " + r.map().edges());
    assertEquals(
        List.of(Note.connections(Note.Kind.SELF_CONNECTION, "gunicorn", 8000, 1)), r.notes());
  }

  @Test
  void samplingMergesShortLivedConnections() throws Exception {
    webStack();
    StackInputs quiet = new StackInputs(procs, socks, Set.of(IpAddress.of(HOST)));
    List<StackSocket> busy = new ArrayList<>(socks);
    busy.add(
        new StackSocket(
            State.ESTABLISHED, ip("127.0.0.1"), 40005, ip("127.0.0.1"), 8000, List.of(12)));
    List<StackSocket> closed = new ArrayList<>(socks);
    // the same connection later, ownerless in TIME_WAIT: it must not count twice
    closed.add(
        new StackSocket(State.TIME_WAIT, ip("127.0.0.1"), 40005, ip("127.0.0.1"), 8000, List.of()));
    List<StackInputs> snapshots =
        new ArrayList<>(
            List.of(
                quiet,
                new StackInputs(procs, busy, Set.of(IpAddress.of(HOST))),
                new StackInputs(procs, closed, Set.of(IpAddress.of(HOST))),
                quiet));
    List<Duration> slept = new ArrayList<>();
    StackSampler sampler =
        new StackSampler(() -> snapshots.remove(0), slept::add, Duration.ofMillis(200));
    assertTrue(map(quiet).edges().isEmpty(), "a single quiet snapshot sees nothing");
    StackInputs merged = sampler.sample(Duration.ofMillis(600));
    assertEquals(3, slept.size());
    assertEquals(List.of(new Edge("nginx", "gunicorn", 8000, 1)), map(merged).edges());
  }

  @Test
  void aProcessWithNoListenerTalkingToABrokerIsAWorker() {
    webStack();
    proc(40, 1, "redis-server", "/usr/bin/redis-server 127.0.0.1:6379");
    listen("127.0.0.1", 6379, 40);
    proc(50, 1, "python3", "python3 /srv/jobs/consume.py");
    proc(51, 1, "python3", "python3 /srv/tools/report.py");
    conn(State.ESTABLISHED, "127.0.0.1", 42000, "127.0.0.1", 6379, 50);
    conn(State.ESTABLISHED, "127.0.0.1", 42001, "127.0.0.1", 5432, 51);
    StackMap m = map();
    Component consume = m.component("consume");
    assertEquals(Role.WORKER, consume.role());
    assertEquals(new RuleMatch(RuleMatch.Kind.BROKER_CLIENT, "redis"), consume.rule());
    assertEquals(Role.OTHER, m.component("report").role(), "postgres is no broker");
    assertTrue(m.edges().contains(new Edge("consume", "redis", 6379, 1)));
  }

  @Test
  void anUnknownServerBehindAWebServerIsAnAppServer() {
    webStack();
    proc(60, 1, "myapp", "/srv/bin/myapp --port 9000");
    listen("127.0.0.1", 9000, 60);
    conn(State.ESTABLISHED, "127.0.0.1", 43000, "127.0.0.1", 9000, 11);
    Component app = map().component("myapp");
    assertEquals(Role.APP, app.role());
    assertEquals(Confidence.LOW, app.confidence());
    assertEquals(new RuleMatch(RuleMatch.Kind.PROXIED, "nginx"), app.rule());
  }

  @Test
  void remoteConnectionsAreSummarisedPerAddressAndPort() {
    webStack();
    conn(State.ESTABLISHED, "10.0.0.5", 50000, "93.184.216.34", 443, 21);
    conn(State.ESTABLISHED, "10.0.0.5", 50001, "93.184.216.34", 443, 20);
    conn(State.ESTABLISHED, "10.0.0.5", 80, "198.51.100.7", 61000, 11);
    conn(State.ESTABLISHED, "10.0.0.5", 80, "198.51.100.7", 61001, 12);
    assertEquals(
        List.of(
            new External("gunicorn", "out", "93.184.216.34", 443, 2),
            new External("nginx", "in", "198.51.100.7", 80, 2)),
        map().external());
  }

  @Test
  void repeatedProgramsGetNumberedIds() {
    proc(70, 1, "redis-server", "redis-server 127.0.0.1:6379");
    proc(71, 1, "redis-server", "redis-server 127.0.0.1:6380");
    listen("127.0.0.1", 6379, 70);
    listen("127.0.0.1", 6380, 71);
    assertEquals(
        List.of("redis", "redis-2"), map().components().stream().map(Component::id).toList());
  }

  @Test
  void kernelThreadsAndUnrelatedProcessesStayOut() {
    webStack();
    proc(2, 0, "kthreadd", "");
    procs.add(new StackProcess(3, 2, "kworker/0:1", List.of(), null, "root"));
    proc(80, 1, "bash", "-bash");
    assertEquals(3, map().components().size());
  }
}
