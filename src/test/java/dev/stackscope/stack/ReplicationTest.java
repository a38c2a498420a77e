package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.Position;
import dev.stackscope.stack.StackMap.Replication;
import dev.stackscope.stack.StackSocket.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replication on fixture inputs: what cannot run here (MariaDB, a remote primary, a lagging
 * replica, a Debian cluster's titles, a redis sentinel) and the LSN arithmetic.
 */
class ReplicationTest {
  final List<StackProcess> procs = new ArrayList<>();
  final List<StackSocket> socks = new ArrayList<>();

  void proc(int pid, int ppid, String comm, String argv) {
    procs.add(new StackProcess(pid, ppid, comm, Arrays.asList(argv.split(" ")), null, "db"));
  }

  void listen(int port, Integer... pids) {
    socks.add(
        new StackSocket(
            State.LISTEN,
            StackMapperTest.ip("127.0.0.1"),
            port,
            StackMapperTest.ip("0.0.0.0"),
            0,
            List.of(pids)));
  }

  /** Both ends of a loopback connection from the client's port to the server's. */
  void connect(int clientPort, int clientPid, int serverPort, int serverPid) {
    socks.add(
        new StackSocket(
            State.ESTABLISHED,
            StackMapperTest.ip("127.0.0.1"),
            clientPort,
            StackMapperTest.ip("127.0.0.1"),
            serverPort,
            List.of(clientPid)));
    socks.add(
        new StackSocket(
            State.ESTABLISHED,
            StackMapperTest.ip("127.0.0.1"),
            serverPort,
            StackMapperTest.ip("127.0.0.1"),
            clientPort,
            List.of(serverPid)));
  }

  StackMap map() {
    return StackMapperTest.map(
        new StackInputs(procs, socks, Set.of(IpAddress.of(StackMapperTest.HOST))));
  }

  /** Debian's postgres: cluster names in the titles, the replica 0x2000 bytes behind. */
  void postgresPair(String receiverLsn) {
    proc(1, 0, "init", "/sbin/init");
    proc(100, 1, "postgres", "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main");
    proc(101, 100, "postgres", "postgres: 15/main: checkpointer ");
    proc(
        102,
        100,
        "postgres",
        "postgres: 15/main: walsender replicator 127.0.0.1(41000) streaming 1/A0003000");
    proc(
        200,
        1,
        "postgres",
        "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/replica");
    proc(201, 200, "postgres", "postgres: 15/replica: startup recovering 0000000100000001000000A0");
    proc(202, 200, "postgres", "postgres: 15/replica: walreceiver streaming " + receiverLsn);
    listen(5432, 100);
    listen(5433, 200);
    connect(41000, 202, 5432, 102);
  }

  @Test
  void aPostgresReplicaFollowsItsPrimaryWithTheLagFromTheTitles() {
    postgresPair("1/A0001000");
    StackMap m = map();
    assertEquals(
        List.of(new Edge("postgres-2", "postgres", 5432, 1, EdgeKind.REPLICATION)), m.edges());
    assertEquals(
        new Replication(Position.PRIMARY, null, null, null), m.component("postgres").replication());
    assertEquals(
        new Replication(Position.REPLICA, "postgres", 5432, 0x2000L),
        m.component("postgres-2").replication());
    assertEquals(
        "replica of postgres@:5432, lag 8192 bytes",
        StackGraph.replication(m, m.component("postgres-2").replication()));
  }

  @Test
  void aClosedConnectionOnThePrimarysPortIsNotTheReplicas() {
    // pg_basebackup's connections, closed: TIME_WAIT with no owner, the replica the only client
    // seen
    postgresPair("1/A0001000");
    socks.add(
        new StackSocket(
            State.TIME_WAIT,
            StackMapperTest.ip("127.0.0.1"),
            41001,
            StackMapperTest.ip("127.0.0.1"),
            5432,
            List.of()));
    StackMapper.Result r =
        StackMapperTest.MAPPER.map(
            new StackInputs(procs, socks, Set.of(IpAddress.of(StackMapperTest.HOST))));
    assertEquals(
        List.of(new Edge("postgres-2", "postgres", 5432, 1, EdgeKind.REPLICATION)),
        r.map().edges());
    assertEquals(1, r.notes().size(), r.notes().toString());
  }

  @Test
  void graphsDrawTheReplicationEdgeDashed() {
    postgresPair("1/A0001000");
    StackMap m = map();
    String dot = StackGraph.dot(m);
    assertTrue(
        dot.contains(
            "\"postgres-2\" -> \"postgres\" [label=\"replication :5432 ×1\", style=dashed];"),
        dot);
    assertTrue(dot.contains("replica of postgres@:5432, lag 8192 bytes"), dot);
    String mermaid = StackGraph.mermaid(m);
    assertTrue(mermaid.contains("c1 -.->|\"replication :5432 ×1\"| c0"), mermaid);
  }

  @Test
  void aReplicaAheadOfTheSendersTitleShowsNoNegativeLag() {
    // the titles are read one after the other: the receiver's may be the newer
    postgresPair("1/A0004000");
    assertEquals(0L, map().component("postgres-2").replication().lag());
  }

  @Test
  void aPostgresBackendConnectingToAnotherPostgresIsAClient() {
    // postgres_fdw: a backend of one server is a client of the other, not its replica
    proc(1, 0, "init", "/sbin/init");
    proc(100, 1, "postgres", "/usr/lib/postgresql/15/bin/postgres -D /a");
    proc(101, 100, "postgres", "postgres: app shop 127.0.0.1(50000) idle");
    proc(200, 1, "postgres", "/usr/lib/postgresql/15/bin/postgres -D /b");
    proc(201, 200, "postgres", "postgres: app report 127.0.0.1(50001) SELECT");
    listen(5432, 100);
    listen(5433, 200);
    connect(50000, 201, 5432, 101);
    StackMap m = map();
    assertEquals(EdgeKind.CLIENT, m.edges().get(0).kind());
    assertNull(m.component("postgres").replication());
    assertNull(m.component("postgres-2").replication());
  }

  @Test
  void aMariaDbReplicasIoThreadFollowsItsPrimary() {
    proc(1, 0, "init", "/sbin/init");
    proc(300, 1, "mariadbd", "/usr/sbin/mariadbd --port=3306 --server-id=1 --log-bin");
    proc(400, 1, "mariadbd", "/usr/sbin/mariadbd --port=3307 --server-id=2 --datadir=/srv/replica");
    proc(500, 1, "python3", "/usr/bin/python3 report.py");
    listen(3306, 300);
    listen(3307, 400);
    connect(42000, 400, 3306, 300);
    connect(42001, 500, 3307, 400);
    StackMap m = map();
    assertEquals(
        new Replication(Position.PRIMARY, null, null, null), m.component("mysql").replication());
    assertEquals(
        new Replication(Position.REPLICA, "mysql", 3306, null),
        m.component("mysql-2").replication());
    assertTrue(
        m.edges().contains(new Edge("mysql-2", "mysql", 3306, 1, EdgeKind.REPLICATION)),
        m.edges().toString());
    assertTrue(
        m.edges().contains(new Edge("report", "mysql-2", 3307, 1, EdgeKind.CLIENT)),
        m.edges().toString());
  }

  @Test
  void aRedisSentinelIsNoReplica() {
    proc(1, 0, "init", "/sbin/init");
    proc(600, 1, "redis-server", "/usr/bin/redis-server 127.0.0.1:6379");
    proc(700, 1, "redis-server", "/usr/bin/redis-server *:26379 [sentinel]");
    listen(6379, 600);
    listen(26379, 700);
    connect(43000, 700, 6379, 600);
    StackMap m = map();
    assertEquals(EdgeKind.CLIENT, m.edges().get(0).kind());
    assertNull(m.component("redis").replication());
  }

  @Test
  void aReplicaOfAnotherHostNamesItsAddress() {
    proc(1, 0, "init", "/sbin/init");
    proc(200, 1, "postgres", "/usr/lib/postgresql/15/bin/postgres -D /replica");
    proc(202, 200, "postgres", "postgres: walreceiver streaming 0/3000148");
    listen(5432, 200);
    socks.add(
        new StackSocket(
            State.ESTABLISHED,
            StackMapperTest.ip("10.0.0.5"),
            41000,
            StackMapperTest.ip("10.0.0.9"),
            5432,
            List.of(202)));
    StackMap m = map();
    Replication r = m.component("postgres").replication();
    assertEquals(new Replication(Position.REPLICA, "10.0.0.9", 5432, null), r);
    assertEquals("replica of 10.0.0.9:5432", StackGraph.replication(m, r));
  }

  @Test
  void logSequenceNumbersAreTwoHexHalves() {
    assertEquals(0x3000148L, Replications.lsn("0/3000148"));
    assertEquals((0x1AL << 32) + 0xFFL, Replications.lsn("1A/FF"));
    assertEquals(0xFFFFFFFFFFFFFFFFL, Replications.lsn("FFFFFFFF/FFFFFFFF"));
  }

  @Test
  void explainOnAReplicasPortSaysItIsAReadOnlyReplicaOfWhichPrimary() throws Exception {
    postgresPair("1/A0001000");
    Explainer explainer =
        new Explainer(
            name -> {
              throw new AssertionError("a literal needs no lookup");
            },
            () ->
                new StackInputs(
                    procs, socks, Set.of(IpAddress.of(StackMapperTest.ip("127.0.0.1")))),
            new RoleClassifier(RoleRules.builtIn()),
            a -> null);
    Explanation.ListenerStep replica =
        explainer.explain(Explainer.parseTarget("127.0.0.1:5433")).addresses().get(0).listener();
    assertEquals(
        new Replication(Position.REPLICA, "postgres", 5432, 0x2000L), replica.replication());
    assertEquals(
        " (a read-only replica of postgres@:5432, lag 8192 bytes)",
        dev.stackscope.cli.stack.ExplainViewAccess.replication(replica.replication()));
    Explanation.ListenerStep primary =
        explainer.explain(Explainer.parseTarget("127.0.0.1:5432")).addresses().get(0).listener();
    assertEquals(Position.PRIMARY, primary.replication().position());
  }
}
