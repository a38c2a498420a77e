package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.NetnsSockets.Namespace;
import dev.stackscope.net.PublisherArgs.Conmon;
import dev.stackscope.net.PublisherArgs.Forward;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Follows host listeners held by container runtimes into their containers: docker-proxy's arguments
 * name the container's address and port; for podman's conmon (which only holds the port) the NAT
 * table's DNAT rule does; rootless podman's rootlessport relays into the namespace of its child
 * ({@code containers-rootlessport-child}), slirp4netns into the namespace its operand names, each
 * to the listener there (see {@link #relayed}). The container's namespace is the one that has that
 * address ({@code fib_trie}), its listener the one on that port and address (or a wildcard), its
 * owners that namespace's processes. The DNAT rule is looked for in {@code iptables-save}'s NAT
 * table, then, when none there matches, in the nftables ruleset ({@code nft -j list ruleset}:
 * netavark's nftables backend and other nft-native rulesets iptables-save does not show). Nothing
 * here costs anything on a host without such a listener: each table is asked for only when a conmon
 * (or another program without arguments that say it) holds a port, and nft only when iptables had
 * no rule for it.
 */
public final class PublishedPorts {
  private final NetnsSockets namespaces;
  private final Supplier<String> natRules;
  private final Supplier<String> nftRuleset;
  private List<NatRules.Rule> rules;
  private List<NatRules.Rule> nftRules;

  /**
   * @param natRules the text of {@code iptables-save -t nat} (null or empty when there is none)
   * @param nftRuleset the JSON of {@code nft -j list ruleset} (null when there is none)
   */
  public PublishedPorts(
      NetnsSockets namespaces, Supplier<String> natRules, Supplier<String> nftRuleset) {
    this.namespaces = namespaces;
    this.natRules = natRules;
    this.nftRuleset = nftRuleset;
  }

  /** The same following over {@code namespaces}, with the NAT tables read afresh when needed. */
  public PublishedPorts renewed(NetnsSockets namespaces) {
    return new PublishedPorts(namespaces, natRules, nftRuleset);
  }

  /** Where each listener of {@code hostSockets} held by a publishing program leads, by inode. */
  public Map<Long, PublishedPort> of(List<SocketEntry> hostSockets) {
    Map<Long, PublishedPort> out = new HashMap<>();
    for (SocketEntry s : hostSockets) {
      if (!s.isListening() || s.inode() == 0 || out.containsKey(s.inode())) {
        continue;
      }
      for (SocketOwner o : s.owners()) {
        if (PublishedPort.isPublisher(o.process())) {
          out.put(s.inode(), follow(s, o));
          break;
        }
      }
    }
    return out;
  }

  /** Whether any of these sockets is a listener held by a publishing program. */
  public static boolean anyPublished(List<SocketEntry> sockets) {
    for (SocketEntry s : sockets) {
      if (s.isListening()) {
        for (SocketOwner o : s.owners()) {
          if (PublishedPort.isPublisher(o.process())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private PublishedPort follow(SocketEntry s, SocketOwner o) {
    String proto = s.protocol().toString();
    IpAddress target = null;
    Integer targetPort = null;
    String rule = null;
    String container = null;
    List<String> argv = namespaces.commandLine(o.pid());
    if (o.process().equals("docker-proxy")) {
      Forward f = PublisherArgs.dockerProxy(argv);
      if (f != null && f.protocol().equals(proto)) {
        target = f.containerIp();
        targetPort = f.containerPort();
      }
    } else if (o.process().equals("rootlessport") || o.process().equals("slirp4netns")) {
      // user-mode forwarders: no NAT rule, the port is relayed into the container's namespace
      Namespace ns =
          o.process().equals("rootlessport") ? rootlessportChild(o.pid()) : slirpTarget(argv);
      return ns == null
          ? new PublishedPort(o.process(), o.pid(), null, null, null, null, null, List.of())
          : relayed(s, o, ns);
    } else {
      if (o.process().equals("conmon")) {
        Conmon c = PublisherArgs.conmon(argv);
        container = c == null ? null : c.name();
      }
      NatRules.Rule r = rule(proto, IpAddress.of(s.localAddress()), s.localPort());
      if (r != null) {
        target = r.to();
        targetPort = r.targetPort(s.localPort());
        rule = r.chain();
      }
    }
    if (target == null) {
      return new PublishedPort(o.process(), o.pid(), null, container, null, null, null, List.of());
    }
    Namespace ns = namespaceOf(target);
    List<SocketOwner> owners = List.of();
    if (ns != null) {
      owners = listenerOwners(ns, s.protocol(), target, targetPort);
      if (container == null) {
        container = ns.netns().name();
      }
    }
    return new PublishedPort(
        o.process(),
        o.pid(),
        rule,
        container,
        ns == null ? null : ns.netns(),
        target.toString(),
        targetPort,
        owners);
  }

  /**
   * The namespace of rootlessport's child ({@code containers-rootlessport-child}, which it starts
   * inside the container's namespace, or inside rootless podman's shared one), or null.
   */
  private Namespace rootlessportChild(int pid) {
    for (int child : namespaces.children(pid)) {
      if (PublisherArgs.rootlessportChild(namespaces.commandLine(child))) {
        Namespace ns = namespaces.namespaceOfProcess(child);
        return ns == null || ns.current() ? null : ns;
      }
    }
    return null;
  }

  /** The namespace slirp4netns serves (its PID or namespace-file operand), or null. */
  private Namespace slirpTarget(List<String> argv) {
    PublisherArgs.Slirp target = PublisherArgs.slirp4netns(argv);
    if (target == null) {
      return null;
    }
    Namespace ns =
        target.pid() > 0
            ? namespaces.namespaceOfProcess(target.pid())
            : namespaces.namespaceOfFile(Path.of(target.path()));
    return ns == null || ns.current() ? null : ns;
  }

  /**
   * A port a user-mode forwarder relays into {@code ns}: its arguments do not say to which port
   * (rootlessport reads its mappings from its standard input, slirp4netns gets them over its API
   * socket), so the port is the one of the namespace's listeners on the host's port number, else
   * its only listening port; the address is the listeners' own when they share one that is not a
   * wildcard.
   */
  private PublishedPort relayed(SocketEntry s, SocketOwner o, Namespace ns) {
    List<SocketEntry> listeners = namespaces.listeners(ns, s.protocol()).sockets();
    SortedSet<Integer> ports = new TreeSet<>();
    for (SocketEntry l : listeners) {
      ports.add(l.localPort());
    }
    Integer port =
        ports.contains(s.localPort()) ? s.localPort() : ports.size() == 1 ? ports.first() : null;
    List<SocketOwner> owners = new ArrayList<>();
    Set<IpAddress> addresses = new HashSet<>();
    boolean wildcard = false;
    for (SocketEntry l : listeners) {
      if (port == null || l.localPort() != port) {
        continue;
      }
      wildcard |= l.localAddress().isAnyLocalAddress();
      addresses.add(IpAddress.of(l.localAddress()).unmapped());
      for (SocketOwner owner : l.owners()) {
        if (!owners.contains(owner)) {
          owners.add(owner);
        }
      }
    }
    String address =
        !wildcard && addresses.size() == 1 ? addresses.iterator().next().toString() : null;
    return new PublishedPort(
        o.process(), o.pid(), null, ns.netns().name(), ns.netns(), address, port, owners);
  }

  private synchronized NatRules.Rule rule(String proto, IpAddress address, int port) {
    if (rules == null) {
      String text = natRules == null ? null : natRules.get();
      rules = text == null ? List.of() : NatRules.parse(text);
    }
    NatRules.Rule r = first(rules, proto, address, port);
    if (r != null) {
      return r;
    }
    if (nftRules == null) {
      String json = nftRuleset == null ? null : nftRuleset.get();
      nftRules = json == null ? List.of() : NftRules.parse(json);
    }
    return first(nftRules, proto, address, port);
  }

  private static NatRules.Rule first(
      List<NatRules.Rule> rules, String proto, IpAddress address, int port) {
    for (NatRules.Rule r : rules) {
      if (r.matches(proto, address, port)) {
        return r;
      }
    }
    return null;
  }

  /** The namespace other than the current one that has {@code address}, or null. */
  private Namespace namespaceOf(IpAddress address) {
    for (Namespace ns : namespaces.namespaces()) {
      if (!ns.current() && namespaces.addresses(ns).contains(address.unmapped())) {
        return ns;
      }
    }
    return null;
  }

  private List<SocketOwner> listenerOwners(
      Namespace ns, Protocol protocol, IpAddress address, int port) {
    List<SocketOwner> owners = new ArrayList<>();
    for (SocketEntry l : namespaces.listeners(ns, protocol).sockets()) {
      if (l.localPort() != port) {
        continue;
      }
      IpAddress local = IpAddress.of(l.localAddress()).unmapped();
      boolean wildcard = l.localAddress().isAnyLocalAddress();
      boolean family = wildcard && (l.ipVersion() == 6 || address.version() == 4);
      if (local.equals(address.unmapped()) || family) {
        for (SocketOwner o : l.owners()) {
          if (!owners.contains(o)) {
            owners.add(o);
          }
        }
      }
    }
    return owners;
  }
}
