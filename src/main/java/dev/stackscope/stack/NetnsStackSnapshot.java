package dev.stackscope.stack;

import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.Verdict;
import dev.stackscope.net.NetnsSockets;
import dev.stackscope.net.NetnsSockets.Namespace;
import dev.stackscope.net.PublishedPort;
import dev.stackscope.net.PublishedPorts;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketRequest;
import dev.stackscope.net.SocketSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's snapshot across network namespaces: the host's snapshot, plus the TCP sockets of
 * every other namespace that has a process (containers, {@code ip netns}). Their loopback sockets
 * are left out (nothing outside the namespace reaches them, and their addresses would be taken for
 * the host's), and a wildcard listener there becomes one listener per address of its namespace. A
 * published port's host listener is held, in the map, by the container's server rather than by
 * docker-proxy or conmon, so that edges to it end at the server; the runtimes' plumbing (those,
 * containerd-shim, runc) are no components.
 */
public final class NetnsStackSnapshot implements StackSampler.Snapshot {
  private static final Set<String> PLUMBING =
      Set.of(
          "docker-proxy",
          "conmon",
          "containerd-shim",
          "containerd-shim-runc-v2",
          "containerd-shim-",
          "runc",
          "rootlessport",
          "slirp4netns");

  private final StackSampler.Snapshot host;
  private final NetnsSockets namespaces;
  private final PublishedPorts published;
  private final boolean others;
  private final Map<String, PublishedPort> publishedByEndpoint = new HashMap<>();
  private ProcessIdentities identities;

  /**
   * @param others whether other namespaces' sockets are read ({@code stack --netns current}: no)
   */
  public NetnsStackSnapshot(
      StackSampler.Snapshot host,
      NetnsSockets namespaces,
      PublishedPorts published,
      boolean others) {
    this.host = host;
    this.namespaces = namespaces;
    this.published = published;
    this.others = others;
  }

  /** Places components in their units, containers and network namespaces ({@link #place}). */
  public NetnsStackSnapshot withIdentities(ProcessIdentities identities) {
    this.identities = identities;
    return this;
  }

  /** Whether a process is a container runtime's plumbing (not a component of the stack). */
  public static boolean isPlumbing(String comm) {
    return PLUMBING.contains(comm) || comm.startsWith("containerd-shim");
  }

  @Override
  public StackInputs take() throws IOException, InterruptedException {
    StackInputs in = host.take();
    List<StackSocket> sockets = new ArrayList<>(in.sockets());
    Set<IpAddress> local = new HashSet<>(in.localAddresses());
    if (others) {
      SocketRequest request = NetSockets.REQUEST;
      for (Namespace ns : namespaces.namespaces()) {
        if (ns.current()) {
          continue;
        }
        Set<IpAddress> own = new HashSet<>();
        for (IpAddress a : namespaces.addresses(ns)) {
          if (!isLoopback(a)) {
            own.add(a);
          }
        }
        local.addAll(own);
        SocketSnapshot snap = namespaces.read(ns, request, null);
        for (StackSocket s : NetSockets.of(snap)) {
          if (isLoopback(IpAddress.of(s.localAddress()))) {
            continue;
          }
          if (s.state() == StackSocket.State.LISTEN && s.localAddress().isAnyLocalAddress()) {
            for (IpAddress a : own) {
              if (a.version() == 4) {
                sockets.add(withLocal(s, a.toInetAddress()));
              }
            }
          } else {
            sockets.add(s);
          }
        }
      }
    }
    boolean plumbing = false;
    List<StackProcess> procs = new ArrayList<>(in.processes().size());
    for (StackProcess p : in.processes()) {
      if (isPlumbing(p.comm())) {
        plumbing = true;
      } else {
        procs.add(p);
      }
    }
    if (plumbing) {
      sockets = throughPublished(sockets);
    }
    return new StackInputs(procs, sockets, local, in.unixLinks());
  }

  /** The host listeners of published ports held by the container's server instead of the proxy. */
  private List<StackSocket> throughPublished(List<StackSocket> sockets) {
    Namespace current = null;
    for (Namespace ns : namespaces.namespaces()) {
      if (ns.current()) {
        current = ns;
      }
    }
    if (current == null) {
      return sockets;
    }
    SocketRequest listening =
        new SocketRequest(
            java.util.EnumSet.of(dev.stackscope.net.Protocol.TCP), true, true, true, true);
    List<SocketEntry> hostListeners = new ArrayList<>();
    for (SocketEntry s : namespaces.read(current, listening, null).sockets()) {
      if (s.isListening()) {
        hostListeners.add(s);
      }
    }
    Map<Long, PublishedPort> found = published.of(hostListeners);
    Map<String, List<Integer>> serverPids = new HashMap<>();
    Map<Integer, List<Integer>> byProxy = new HashMap<>();
    for (SocketEntry s : hostListeners) {
      PublishedPort p = found.get(s.inode());
      if (p == null) {
        continue;
      }
      String key = endpoint(s.localAddress(), s.localPort());
      synchronized (publishedByEndpoint) {
        publishedByEndpoint.put(key, p);
      }
      List<Integer> pids = new ArrayList<>();
      for (SocketOwner o : p.owners()) {
        pids.add(o.pid());
      }
      if (!pids.isEmpty()) {
        serverPids.put(key, pids);
        byProxy.put(p.viaPid(), pids);
      }
    }
    List<StackSocket> out = new ArrayList<>(sockets.size());
    for (StackSocket s : sockets) {
      List<Integer> pids = serverPids.get(endpoint(s.localAddress(), s.localPort()));
      if (pids != null && s.state() == StackSocket.State.LISTEN) {
        out.add(withPids(s, pids));
      } else if (s.state() != StackSocket.State.LISTEN
          && !s.pids().isEmpty()
          && byProxy.containsKey(s.pids().get(0))) {
        out.add(withPids(s, byProxy.get(s.pids().get(0)))); // the proxy's ends are the server's
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The published port whose host listener is {@code address}:{@code port}, or null. */
  public PublishedPort publishedAt(InetAddress address, int port) {
    synchronized (publishedByEndpoint) {
      return publishedByEndpoint.get(endpoint(address, port));
    }
  }

  @Override
  public String user(StackProcess p) {
    return host.user(p);
  }

  @Override
  public ComponentPlace place(StackProcess p) {
    if (identities == null) {
      return ComponentPlace.NONE;
    }
    ProcessIdentities.Identity id = identities.identity(p.pid());
    return new ComponentPlace(id.unit(), id.slice(), id.container(), identities.netns(p.pid(), id));
  }

  @Override
  public String publishedVia(InetAddress address, int port) {
    PublishedPort p = publishedAt(address, port);
    return p == null ? null : p.via();
  }

  private static String endpoint(InetAddress a, int port) {
    return IpAddress.of(a).unmapped().withoutZone() + "|" + port;
  }

  private static boolean isLoopback(IpAddress a) {
    return AddressClassifier.standard().verdict(a.unmapped().withoutZone()) == Verdict.LOOPBACK;
  }

  private static StackSocket withLocal(StackSocket s, InetAddress a) {
    return new StackSocket(
        s.state(), a, s.localPort(), s.remoteAddress(), s.remotePort(), s.pids());
  }

  private static StackSocket withPids(StackSocket s, List<Integer> pids) {
    return new StackSocket(
        s.state(), s.localAddress(), s.localPort(), s.remoteAddress(), s.remotePort(), pids);
  }
}
