package dev.stackscope.stack;

import dev.stackscope.net.InterfaceSource;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import dev.stackscope.net.UnixSocketService;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One snapshot of this host for the map: processes, TCP sockets with owners, own addresses.
 * Remembers what could not be seen across the snapshots it took.
 *
 * <p>Processes are read without their owners: a user costs a read and parse of {@code
 * /proc/PID/status} per process, and the map shows only its components' roots' users, which {@link
 * #user} reads when asked. The sockets (a walk over every process's descriptors) are read on a
 * second thread while the processes are.
 */
public final class HostSnapshot implements StackSampler.Snapshot {
  /** Command lines and executables (the role rules' inputs); owners only when asked. */
  static final ProcessFields FIELDS = new ProcessFields(false, true, true);

  private final ProcessSource processes;
  private final SocketSource sockets;
  private final InterfaceSource interfaces;
  private final Set<String> problems = new LinkedHashSet<>();
  private final Map<Integer, String> users = new HashMap<>();
  private long hiddenOwners;
  private UnixSocketService unix;
  private int unreadableProcesses;
  private volatile SocketSnapshot lastSockets;
  private volatile Map<Integer, ProcessInfo> firstProcesses;
  private volatile long firstNanos;

  public HostSnapshot(ProcessSource processes, SocketSource sockets, InterfaceSource interfaces) {
    this.processes = processes;
    this.sockets = sockets;
    this.interfaces = interfaces;
  }

  /** Reads connections over Unix sockets too (edges labelled {@code unix:PATH}). */
  public HostSnapshot withUnixSockets(UnixSocketService unixSockets) {
    this.unix = unixSockets;
    return this;
  }

  @Override
  public StackInputs take() throws InterruptedException {
    // TCP and Unix sockets with one walk for their holders (NetSockets.read)
    FutureTask<NetSockets.Read> socketRead = new FutureTask<>(new SocketRead(sockets, unix));
    Thread reader = new Thread(socketRead, "stack-sockets");
    reader.setDaemon(true);
    reader.start();
    long started = System.nanoTime();
    List<ProcessInfo> infos = processes.snapshot(FIELDS);
    if (firstProcesses == null) {
      firstProcesses = StackPressure.byPid(infos);
      firstNanos = started;
    }
    NetSockets.Read read = await(socketRead);
    SocketSnapshot snap = read.tcp();
    lastSockets = snap;
    List<StackProcess> procs = new ArrayList<>(infos.size());
    for (ProcessInfo p : infos) {
      procs.add(StackProcess.of(p));
    }
    problems.addAll(snap.problems());
    hiddenOwners = Math.max(hiddenOwners, snap.hiddenOwners());
    unreadableProcesses = Math.max(unreadableProcesses, snap.unreadableProcesses());
    return new StackInputs(procs, NetSockets.of(snap), interfaces.ownAddresses(), read.unixLinks());
  }

  /** Reads the sockets (a class, not a lambda: see {@link StackMapper}'s orders). */
  private record SocketRead(SocketSource sockets, UnixSocketService unix)
      implements Callable<NetSockets.Read> {
    @Override
    public NetSockets.Read call() throws InterruptedException {
      return NetSockets.read(sockets, unix);
    }
  }

  /** The reader's result; interrupted (Ctrl-C in the shell), the reader is abandoned (a daemon). */
  private static <T> T await(FutureTask<T> task) throws InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The process's user: read now (once per process) when the snapshot left it out. */
  @Override
  public String user(StackProcess p) {
    if (p.user() != null) {
      return p.user();
    }
    if (!users.containsKey(p.pid())) {
      ProcessInfo now = processes.process(p.pid()).orElse(null);
      users.put(p.pid(), now == null ? null : now.user());
    }
    return users.get(p.pid());
  }

  /** The TCP sockets of the last snapshot taken (null before the first). */
  public SocketSnapshot lastSockets() {
    return lastSockets;
  }

  /** The processes of the first snapshot by PID (CPU times), and when it was taken. */
  public Map<Integer, ProcessInfo> firstProcesses() {
    return firstProcesses;
  }

  /** {@link System#nanoTime()} when the first snapshot's processes were read. */
  public long firstNanos() {
    return firstNanos;
  }

  /** The process source the snapshots read. */
  public ProcessSource processSource() {
    return processes;
  }

  /** What could not be read, for notes. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The most sockets whose owners were hidden (other users' processes) in one snapshot. */
  public long hiddenOwners() {
    return hiddenOwners;
  }

  /** The most processes whose descriptors could not be listed in one snapshot. */
  public int unreadableProcesses() {
    return unreadableProcesses;
  }
}
