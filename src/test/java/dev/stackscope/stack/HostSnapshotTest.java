package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.host.Host;
import dev.stackscope.net.InterfaceSource;
import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketRequest;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import dev.stackscope.net.SocketState;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcessThread;
import dev.stackscope.stack.StackMap.Component;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a host snapshot reads: processes without their owners (a {@code status} read per process),
 * users only for the processes the map shows, sockets on a second thread.
 */
class HostSnapshotTest {
  private static final InterfaceSource LIVE_INTERFACES = Host.live().interfaces();

  /**
   * Processes by PID with their users; records which fields and which single processes were read.
   */
  static final class FakeProcesses implements ProcessSource {
    final Map<Integer, ProcessInfo> all;
    final List<ProcessFields> snapshots = new ArrayList<>();
    final List<Integer> singles = new ArrayList<>();

    FakeProcesses(ProcessInfo... infos) {
      all = new java.util.TreeMap<>();
      for (ProcessInfo p : infos) {
        all.put(p.pid(), p);
      }
    }

    @Override
    public List<ProcessInfo> snapshot(ProcessFields fields) {
      snapshots.add(fields);
      List<ProcessInfo> out = new ArrayList<>();
      for (ProcessInfo p : all.values()) {
        out.add(fields.owners() ? p : withoutOwner(p));
      }
      return out;
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
      singles.add(pid);
      return Optional.ofNullable(all.get(pid));
    }

    @Override
    public List<ProcessThread> threads(int pid) {
      return List.of();
    }
  }

  static ProcessInfo info(int pid, int ppid, String comm, String user, String... argv) {
    return new ProcessInfo(
        pid,
        ppid,
        pid,
        pid,
        0,
        comm,
        "S",
        List.of(argv),
        "/usr/sbin/" + comm,
        0,
        0,
        0,
        0,
        user,
        null,
        1,
        0,
        0,
        0,
        0,
        false);
  }

  static ProcessInfo withoutOwner(ProcessInfo p) {
    return new ProcessInfo(
        p.pid(),
        p.ppid(),
        p.pgid(),
        p.sid(),
        p.ttyNr(),
        p.name(),
        p.state(),
        p.command(),
        p.executable(),
        -1,
        -1,
        -1,
        -1,
        null,
        p.startTime(),
        p.threads(),
        p.rss(),
        p.vsz(),
        p.cpuTimeMillis(),
        p.nice(),
        p.kernelThread());
  }

  static SocketSource listener(int port, int pid) throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    SocketEntry e =
        new SocketEntry(
            Protocol.TCP,
            4,
            lo,
            port,
            null,
            null,
            SocketState.LISTENING,
            List.of(new SocketOwner(pid, "redis-server", "redis")),
            null,
            null,
            0,
            1234);
    return request -> new SocketSnapshot(List.of(e), 0, List.of());
  }

  /** A redis tree (root 10 owned by redis, a child 11) and ten unrelated sleepers. */
  static FakeProcesses host() {
    List<ProcessInfo> infos = new ArrayList<>();
    infos.add(info(1, 0, "init", "root", "/sbin/init"));
    infos.add(info(10, 1, "redis-server", "redis", "/usr/bin/redis-server", "*:6379"));
    infos.add(info(11, 10, "redis-server", "redis", "/usr/bin/redis-server", "*:6379"));
    for (int pid = 100; pid < 110; pid++) {
      infos.add(info(pid, 1, "sleep", "nobody", "sleep", "3600"));
    }
    return new FakeProcesses(infos.toArray(new ProcessInfo[0]));
  }

  /** Sockets with an inode and no owner: held by processes whose descriptors were unreadable. */
  static SocketSource hidden(int sockets, int unreadableProcesses) throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    List<SocketEntry> entries = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      entries.add(
          new SocketEntry(
              Protocol.TCP,
              4,
              lo,
              7000 + i,
              null,
              null,
              SocketState.LISTENING,
              List.of(),
              null,
              null,
              0,
              5000 + i));
    }
    return request -> new SocketSnapshot(entries, unreadableProcesses, List.of());
  }

  @Test
  void remembersHowManySocketsAndProcessesWereHidden() throws Exception {
    HostSnapshot snapshot = new HostSnapshot(host(), hidden(3, 2), LIVE_INTERFACES);
    snapshot.take();
    assertEquals(3, snapshot.hiddenOwners());
    assertEquals(2, snapshot.unreadableProcesses());
  }

  @Test
  void processesAreReadWithoutOwnersAndTheMapAsksForItsRootsUsers() throws Exception {
    FakeProcesses procs = host();
    HostSnapshot snapshot = new HostSnapshot(procs, listener(6379, 10), LIVE_INTERFACES);
    StackInputs in = snapshot.take();
    assertEquals(1, procs.snapshots.size());
    ProcessFields asked = procs.snapshots.get(0);
    assertFalse(asked.owners(), "owners are not read for every process");
    assertTrue(
        asked.commandLines() && asked.executables(), "the role rules need argv and the executable");
    assertTrue(in.processes().stream().allMatch(p -> p.user() == null));

    StackMap map = new StackMapper(new RoleClassifier(RoleRules.builtIn()), snapshot).map(in).map();
    Component redis = map.component("redis");
    assertEquals(List.of(10, 11), redis.pids());
    assertEquals("redis", redis.user(), "the root's user, read on demand");
    assertEquals(List.of(10), procs.singles, "only the component's root was read again");
    assertEquals(1, in.sockets().size());
    assertEquals(List.of(10), in.sockets().get(0).pids());
  }

  @Test
  void aUserIsReadOnceAndAProcessThatHasGoneHasNone() throws Exception {
    FakeProcesses procs = host();
    HostSnapshot snapshot = new HostSnapshot(procs, listener(6379, 10), LIVE_INTERFACES);
    StackProcess redis =
        snapshot.take().processes().stream().filter(p -> p.pid() == 10).findFirst().orElseThrow();
    assertEquals("redis", snapshot.user(redis));
    assertEquals("redis", snapshot.user(redis));
    assertEquals(List.of(10), procs.singles, "asked once");
    StackProcess gone = new StackProcess(999, 1, "x", List.of("x"), null, null);
    assertNull(snapshot.user(gone));
    StackProcess known = new StackProcess(998, 1, "x", List.of("x"), null, "alice");
    assertEquals("alice", snapshot.user(known), "a user the process holds is not read again");
    assertEquals(List.of(10, 999), procs.singles);
  }

  @Test
  void anInterruptedSnapshotSaysSo() throws Exception {
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    SocketSource slow =
        request -> {
          reading.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new SocketSnapshot(List.of(), 0, List.of());
        };
    HostSnapshot snapshot = new HostSnapshot(host(), slow, LIVE_INTERFACES);
    Throwable[] thrown = new Throwable[1];
    Thread taker =
        new Thread(
            () -> {
              try {
                snapshot.take();
              } catch (Throwable t) {
                thrown[0] = t;
              }
            });
    taker.start();
    reading.await();
    taker.interrupt();
    taker.join(10_000);
    release.countDown();
    assertFalse(taker.isAlive());
    assertTrue(
        thrown[0] instanceof InterruptedException,
        "Ctrl-C in the shell ends the command: " + thrown[0]);
  }

  @Test
  void aFailingSocketReadFailsTheSnapshot() {
    IllegalStateException boom = new IllegalStateException("no /proc/net");
    SocketSource broken =
        (SocketRequest request) -> {
          throw boom;
        };
    HostSnapshot snapshot = new HostSnapshot(host(), broken, LIVE_INTERFACES);
    assertSame(boom, assertThrows(IllegalStateException.class, snapshot::take));
  }
}
