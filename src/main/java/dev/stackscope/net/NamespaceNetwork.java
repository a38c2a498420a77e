package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RouteLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The addresses and routes of the network namespace a process is in, from its {@code /proc/PID/net}
 * (the kernel shows the process's own namespace there; no setns needed): IPv4 addresses from {@code
 * fib_trie}, IPv6 ones (and the interfaces' names by index) from {@code if_inet6}, the routing
 * tables from {@code route} and {@code ipv6_route}.
 *
 * @param addresses its own addresses, without zones (loopback ones too)
 * @param interfaceNames the names of its interfaces that have an IPv6 address, by index
 * @param routes its main routing tables
 */
public record NamespaceNetwork(
    Set<IpAddress> addresses, Map<Integer, String> interfaceNames, List<RouteLookup.Route> routes) {
  public NamespaceNetwork {
    addresses = Set.copyOf(addresses);
    interfaceNames = Map.copyOf(interfaceNames);
    routes = List.copyOf(routes);
  }

  /**
   * Reads process {@code pid}'s namespace; its addresses must be readable (the process may have
   * gone), else an {@link IOException} naming the file. A missing IPv6 table is no IPv6.
   */
  public static NamespaceNetwork read(Path proc, int pid) throws IOException {
    Path net = proc.resolve(Integer.toString(pid)).resolve("net");
    String fib = NetnsSockets.readBounded(net.resolve("fib_trie"), FibTrie.MOST_BYTES);
    if (fib == null) {
      throw new IOException("cannot read " + net.resolve("fib_trie"));
    }
    Set<IpAddress> addresses = new LinkedHashSet<>(FibTrie.localAddresses(fib));
    Map<Integer, String> names = new HashMap<>();
    for (IfInet6.Entry e :
        IfInet6.parse(NetnsSockets.readBounded(net.resolve("if_inet6"), IfInet6.MOST_BYTES))) {
      addresses.add(e.address());
      names.putIfAbsent(e.index(), e.interfaceName());
    }
    return new NamespaceNetwork(addresses, names, RouteLookup.read(proc.resolve("" + pid)));
  }

  /** The route a packet to an address takes in this namespace, as {@link RouteLookup#route}. */
  public RouteLookup routeLookup() {
    return new RouteLookup(routes, interfaceNames::get);
  }
}
