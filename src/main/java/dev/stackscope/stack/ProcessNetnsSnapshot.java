package dev.stackscope.stack;

import dev.stackscope.net.NamespaceNetwork;
import dev.stackscope.net.NetnsSockets;
import dev.stackscope.net.NetnsSockets.Namespace;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code explain --from PID}'s "this host" when the process has a network namespace of its own: the
 * namespace's addresses ({@link NamespaceNetwork}), its TCP sockets ({@link NetnsSockets}, as
 * {@code ports --all-netns} reads another namespace) and the processes in it, their owners. Nothing
 * of this host's namespace or of any other is seen: from inside, those are other machines.
 */
public final class ProcessNetnsSnapshot implements StackSampler.Snapshot {
  private final ProcessSource processes;
  private final NetnsSockets namespaces;
  private final Namespace namespace;
  private final NamespaceNetwork network;
  private final NetworkNamespace netns;

  private ProcessNetnsSnapshot(
      ProcessSource processes,
      NetnsSockets namespaces,
      Namespace namespace,
      NamespaceNetwork network,
      NetworkNamespace netns) {
    this.processes = processes;
    this.netns = netns;
    this.namespaces = namespaces;
    this.namespace = namespace;
    this.network = network;
  }

  /**
   * The namespace process {@code pid} is in, with its addresses read now; an {@link IOException}
   * when they cannot be (another user's process, without root).
   */
  public static ProcessNetnsSnapshot of(
      ProcessSource processes, NetnsSockets namespaces, java.nio.file.Path proc, int pid)
      throws IOException {
    NamespaceNetwork network = NamespaceNetwork.read(proc, pid);
    for (Namespace n : namespaces.namespaces()) {
      if (!n.current() && n.pids().contains(pid)) {
        return new ProcessNetnsSnapshot(processes, namespaces, n, network, n.netns());
      }
    }
    // not seen by the scan (it started since): its own tables are still there
    Namespace alone = new Namespace(new NetworkNamespace(0, null), false, List.of(pid));
    return new ProcessNetnsSnapshot(processes, namespaces, alone, network, null);
  }

  /** The namespace (its inode and name), or null when the scan of namespaces did not see it. */
  public NetworkNamespace netns() {
    return netns;
  }

  /** The namespace's addresses and routes. */
  public NamespaceNetwork network() {
    return network;
  }

  @Override
  public StackInputs take() throws IOException {
    SocketSnapshot snap = namespaces.read(namespace, NetSockets.REQUEST, null);
    if (!snap.problems().isEmpty()) {
      throw new IOException(snap.problems().get(0));
    }
    Set<Integer> inside = new HashSet<>(namespace.pids());
    List<StackProcess> procs = new ArrayList<>();
    for (ProcessInfo p : processes.snapshot(HostSnapshot.FIELDS)) {
      if (inside.contains(p.pid())) {
        procs.add(StackProcess.of(p));
      }
    }
    return new StackInputs(procs, NetSockets.of(snap), network.addresses());
  }

  @Override
  public String user(StackProcess p) {
    return p.user() != null
        ? p.user()
        : processes.process(p.pid()).map(ProcessInfo::user).orElse(null);
  }
}
