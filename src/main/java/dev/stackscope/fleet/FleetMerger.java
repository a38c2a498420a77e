package dev.stackscope.fleet;

import dev.stackscope.fleet.FleetMap.ExternalEndpoint;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.fleet.FleetMap.FleetHost;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.UnixEdge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Joins hosts' snapshots into one {@link FleetMap}. A component is keyed {@code ID@HOST}. A
 * connection a host's component makes to a remote address becomes an edge to the component of the
 * host that has that address and listens on that port (on that address, or on {@code 0.0.0.0} /
 * {@code ::}, which take every address of their host). Loopback addresses, and an address that
 * several hosts have (a container bridge's 172.17.0.1 on each), identify no host. What no snapshot
 * serves stays external, summed per endpoint.
 */
public final class FleetMerger {
  private FleetMerger() {}

  /** The map of {@code snapshots} (already checked to be of distinct machines). */
  public static FleetMap merge(List<Snapshot> snapshots) {
    List<Snapshot> ordered = new ArrayList<>(snapshots);
    ordered.sort(
        Comparator.comparing((Snapshot s) -> s.host().name() == null ? "" : s.host().name())
            .thenComparing(Snapshot::source));
    List<String> names = hostNames(ordered);

    Map<String, String> owner = new HashMap<>();
    Set<String> shared = new HashSet<>();
    Map<String, String> listenerOf = new HashMap<>(); // "host|address|port" -> component key
    List<FleetHost> hosts = new ArrayList<>();
    List<FleetComponent> components = new ArrayList<>();
    for (int h = 0; h < ordered.size(); h++) {
      Snapshot s = ordered.get(h);
      String host = names.get(h);
      for (String a : s.host().addresses()) {
        if (identifiesHost(a)) {
          String before = owner.putIfAbsent(a, host);
          if (before != null && !before.equals(host)) {
            shared.add(a);
          }
        }
      }
      for (Component c : s.map().components()) {
        String key = key(c.id(), host);
        components.add(
            new FleetComponent(
                key,
                host,
                c.id(),
                c.role(),
                c.program(),
                c.pids(),
                c.user(),
                c.rule().value(), // a snapshot's rule is the words it recorded
                c.confidence(),
                c.listeners()));
        for (Listener l : c.listeners()) {
          listenerOf.putIfAbsent(host + "|" + l.address() + "|" + l.port(), key);
        }
      }
      HostFacts f = s.host();
      hosts.add(
          new FleetHost(
              host,
              f.machineId(),
              f.addresses(),
              f.time(),
              f.version(),
              s.source(),
              s.map().components().size()));
    }
    shared.forEach(owner::remove);

    Map<List<Object>, Integer> edgeCounts = new LinkedHashMap<>();
    List<Object[]> inbound = new ArrayList<>(); // [host, External, ownerHost]
    Map<List<Object>, Integer> externalCounts = new TreeMap<>(EXTERNAL_KEY);
    Map<List<Object>, Set<String>> externalComponents = new HashMap<>();
    for (int h = 0; h < ordered.size(); h++) {
      Snapshot s = ordered.get(h);
      String host = names.get(h);
      for (Edge e : s.map().edges()) {
        add(
            edgeCounts,
            List.of(
                key(e.from(), host), key(e.to(), host), e.port(), "", e.kind().toString(), false),
            e.count());
      }
      for (UnixEdge e : s.map().unixEdges()) {
        add(
            edgeCounts,
            List.of(key(e.from(), host), key(e.to(), host), 0, e.path(), "unix", false),
            e.count());
      }
      for (External x : s.map().external()) {
        String remoteHost = owner.get(x.address());
        if (x.direction().equals("in")) {
          inbound.add(new Object[] {host, x, remoteHost});
          continue;
        }
        String server =
            remoteHost == null || remoteHost.equals(host)
                ? null
                : listener(listenerOf, remoteHost, x.address(), x.port());
        if (server != null) {
          add(
              edgeCounts,
              List.of(key(x.component(), host), server, x.port(), "", "client", true),
              x.count());
        } else {
          external(externalCounts, externalComponents, x, key(x.component(), host), remoteHost);
        }
      }
    }
    // a server's inbound connection from another host is the edge its client made, when the
    // client's host saw it; else (the client is no component there) it stays external
    Set<List<Object>> joined = new HashSet<>();
    for (List<Object> k : edgeCounts.keySet()) {
      if ((Boolean) k.get(5)) {
        String from = (String) k.get(0);
        joined.add(List.of(from.substring(from.lastIndexOf('@') + 1), k.get(1), k.get(2)));
      }
    }
    for (Object[] in : inbound) {
      String host = (String) in[0];
      External x = (External) in[1];
      String remoteHost = (String) in[2];
      String server = key(x.component(), host);
      if (remoteHost != null && joined.contains(List.of(remoteHost, server, x.port()))) {
        continue;
      }
      external(externalCounts, externalComponents, x, server, remoteHost);
    }

    List<FleetEdge> edges = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : edgeCounts.entrySet()) {
      List<Object> k = e.getKey();
      String path = (String) k.get(3);
      edges.add(
          new FleetEdge(
              (String) k.get(0),
              (String) k.get(1),
              (Integer) k.get(2),
              path.isEmpty() ? null : path,
              e.getValue(),
              (String) k.get(4),
              (Boolean) k.get(5)));
    }
    edges.sort(
        Comparator.comparing(FleetEdge::from)
            .thenComparing(FleetEdge::to)
            .thenComparingInt(FleetEdge::port)
            .thenComparing(e -> e.path() == null ? "" : e.path()));
    List<ExternalEndpoint> external = new ArrayList<>();
    for (Map.Entry<List<Object>, Integer> e : externalCounts.entrySet()) {
      List<Object> k = e.getKey();
      external.add(
          new ExternalEndpoint(
              (String) k.get(0),
              (String) k.get(1),
              (Integer) k.get(2),
              e.getValue(),
              List.copyOf(new TreeSet<>(externalComponents.get(k))),
              (String) k.get(3)));
    }
    components.sort(
        Comparator.comparing(FleetComponent::role)
            .thenComparing(FleetComponent::host)
            .thenComparing(FleetComponent::id));
    return new FleetMap(List.copyOf(hosts), List.copyOf(components), edges, external);
  }

  /** External endpoints in order: outbound first, then by address, port and owner. */
  private static final Comparator<List<Object>> EXTERNAL_KEY =
      Comparator.comparing((List<Object> k) -> k.get(0).equals("out") ? 0 : 1)
          .thenComparing(k -> (String) k.get(1))
          .thenComparing(k -> (Integer) k.get(2))
          .thenComparing(k -> k.get(3) == null ? "" : (String) k.get(3));

  private static void external(
      Map<List<Object>, Integer> counts,
      Map<List<Object>, Set<String>> components,
      External x,
      String component,
      String ownerHost) {
    List<Object> k = new ArrayList<>(4);
    k.add(x.direction());
    k.add(x.address());
    k.add(x.port());
    k.add(ownerHost);
    add(counts, k, x.count());
    components.computeIfAbsent(k, key -> new HashSet<>()).add(component);
  }

  private static <K> void add(Map<K, Integer> counts, K key, int n) {
    counts.merge(key, n, Integer::sum);
  }

  /** The component of {@code host} that listens on {@code address:port}, or null. */
  private static String listener(
      Map<String, String> listenerOf, String host, String address, int port) {
    String exact = listenerOf.get(host + "|" + address + "|" + port);
    if (exact != null) {
      return exact;
    }
    if (!address.contains(":")) {
      String any4 = listenerOf.get(host + "|0.0.0.0|" + port);
      if (any4 != null) {
        return any4;
      }
    }
    // Linux's "::" takes IPv4 too unless the socket is IPv6-only, which snapshots do not say
    return listenerOf.get(host + "|::|" + port);
  }

  /** Loopback and unspecified addresses are every host's. */
  static boolean identifiesHost(String address) {
    return !(address.startsWith("127.")
        || address.equals("::1")
        || address.equals("0.0.0.0")
        || address.equals("::"));
  }

  static String key(String id, String host) {
    return id + "@" + host;
  }

  /**
   * Each snapshot's host name in the map: its name, or its machine-id's first 12 digits (its file
   * without one); a name two machines share gets the machine-id (or the file) after a {@code #}.
   */
  private static List<String> hostNames(List<Snapshot> snapshots) {
    Map<String, Integer> uses = new HashMap<>();
    List<String> base = new ArrayList<>();
    for (Snapshot s : snapshots) {
      String name = s.host().name();
      if (name == null || name.isBlank()) {
        name = s.host().machineId() != null ? shortId(s) : s.source();
      }
      base.add(name);
      uses.merge(name, 1, Integer::sum);
    }
    List<String> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < base.size(); i++) {
      String name = base.get(i);
      Snapshot s = snapshots.get(i);
      if (uses.get(name) > 1) {
        name = name + "#" + (s.host().machineId() != null ? shortId(s) : s.source());
      }
      String unique = name;
      for (int n = 2; !taken.add(unique); n++) {
        unique = name + "#" + n;
      }
      out.add(unique);
    }
    return out;
  }

  private static String shortId(Snapshot s) {
    String id = s.host().machineId();
    return id.substring(0, Math.min(12, id.length()));
  }
}
