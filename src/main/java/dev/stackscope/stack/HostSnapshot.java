package dev.stackscope.stack;

import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketSource;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One snapshot of this host for the map: processes, TCP sockets with owners, own addresses.
 * Remembers what could not be seen across the snapshots it took.
 */
public final class HostSnapshot implements StackSampler.Snapshot {
  private final ProcessSource processes;
  private final SocketSource sockets;
  private final Set<String> problems = new LinkedHashSet<>();
  private long hiddenOwners;

  public HostSnapshot(ProcessSource processes, SocketSource sockets) {
    this.processes = processes;
    this.sockets = sockets;
  }

  @Override
  public StackInputs take() {
    List<StackProcess> procs =
        processes.snapshot(ProcessFields.ALL).stream().map(StackProcess::of).toList();
    SocketSnapshot snap = sockets.read(NetSockets.REQUEST);
    problems.addAll(snap.problems());
    hiddenOwners = Math.max(hiddenOwners, snap.hiddenOwners());
    return new StackInputs(procs, NetSockets.of(snap), LocalAddresses.ofHost());
  }

  /** What could not be read, for notes. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The most sockets whose owners were hidden (other users' processes) in one snapshot. */
  public long hiddenOwners() {
    return hiddenOwners;
  }
}
