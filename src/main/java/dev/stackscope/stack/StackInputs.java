package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stack map is built from: processes, TCP sockets and this host's own addresses.
 *
 * @param processes every visible process
 * @param sockets TCP sockets (listeners, connections, TIME_WAIT)
 * @param localAddresses the host's own addresses, without zones (loopback counts as local
 *     regardless)
 */
public record StackInputs(
    List<StackProcess> processes,
    List<StackSocket> sockets,
    Set<IpAddress> localAddresses,
    List<UnixLink> unixLinks) {
  public StackInputs {
    processes = List.copyOf(processes);
    sockets = List.copyOf(sockets);
    localAddresses = Set.copyOf(localAddresses);
    unixLinks = List.copyOf(unixLinks);
  }

  public StackInputs(
      List<StackProcess> processes, List<StackSocket> sockets, Set<IpAddress> localAddresses) {
    this(processes, sockets, localAddresses, List.of());
  }

  /**
   * Merges a later snapshot into this one: processes by PID (the later wins), sockets by state and
   * both ends (an owned entry is kept when a later one of the same connection has lost its owner,
   * as a TIME_WAIT does).
   */
  public StackInputs merge(StackInputs later) {
    Map<Integer, StackProcess> procs = new LinkedHashMap<>();
    processes.forEach(p -> procs.put(p.pid(), p));
    later.processes.forEach(p -> procs.put(p.pid(), p));
    Map<String, StackSocket> socks = new LinkedHashMap<>();
    for (List<StackSocket> list : List.of(sockets, later.sockets)) {
      for (StackSocket s : list) {
        String key = s.state() + "|" + s.connectionKey();
        StackSocket old = socks.get(key);
        if (old == null || !s.pids().isEmpty()) {
          socks.put(key, s);
        }
      }
    }
    Set<IpAddress> addrs = new java.util.HashSet<>(localAddresses);
    addrs.addAll(later.localAddresses);
    return new StackInputs(
        new ArrayList<>(procs.values()),
        new ArrayList<>(socks.values()),
        addrs,
        UnixLink.merge(unixLinks, later.unixLinks));
  }
}
