package dev.stackscope.net;

import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.DefaultRoutes;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's interfaces from {@link Links} (the JDK's {@code NetworkInterface}: names, flags, MTU,
 * MAC, addresses with prefix lengths), link speed from {@code /sys/class/net}, byte counters from
 * {@code /proc/net/dev}; the host's name from {@code /proc/sys/kernel/hostname}, the default
 * gateways from the kernel's routing tables ({@link DefaultRoutes}) and the DNS servers and domain
 * from {@code resolv.conf}. No name lookups, no processes started. The parsers are pure functions
 * over the files' text.
 */
public final class SystemInterfaceSource implements InterfaceSource {
  /** glibc uses at most three name servers (MAXNS). */
  private static final int MAX_NAME_SERVERS = 3;

  private final Path sys;
  private final Path proc;
  private final Path resolvConf;
  private final Links links;

  /**
   * @param sys the {@code /sys} root
   * @param proc the {@code /proc} root
   * @param resolvConf the resolver configuration ({@code /etc/resolv.conf})
   */
  public SystemInterfaceSource(Path sys, Path proc, Path resolvConf) {
    this(sys, proc, resolvConf, Links.jdk());
  }

  /** As above, with the interfaces themselves from {@code links} (a fixture in tests). */
  public SystemInterfaceSource(Path sys, Path proc, Path resolvConf, Links links) {
    this.sys = sys;
    this.proc = proc;
    this.resolvConf = resolvConf;
    this.links = links;
  }

  @Override
  public List<NetInterface> interfaces() {
    Map<String, long[]> counters = parseNetDev(readOrEmpty(proc.resolve("net/dev")));
    AddressClassifier classifier = AddressClassifier.standard();
    List<Links.Link> all = new ArrayList<>(links.list());
    all.sort(Comparator.comparingInt(Links.Link::index));
    List<NetInterface> out = new ArrayList<>(all.size());
    for (Links.Link link : all) {
      List<IfaceAddress> v4 = new ArrayList<>();
      List<IfaceAddress> v6 = new ArrayList<>();
      for (Links.LinkAddress la : link.addresses()) {
        IpAddress a = la.address();
        (a.version() == 4 ? v4 : v6)
            .add(new IfaceAddress(a, la.prefixLength(), classifier.verdict(a)));
      }
      v4.addAll(v6);
      long[] rxTx = counters.getOrDefault(link.name(), new long[2]);
      out.add(
          new NetInterface(
              link.name(),
              link.up(),
              link.loopback(),
              mac(link.mac()),
              link.mtu(),
              speed(link.name()),
              v4,
              rxTx[0],
              rxTx[1]));
    }
    return out;
  }

  @Override
  public Set<IpAddress> ownAddresses() {
    try {
      return new HashSet<>(links.addresses());
    } catch (UncheckedIOException e) {
      return new HashSet<>(); // no interfaces to list: loopback still counts as local
    }
  }

  @Override
  public HostNetwork read() {
    List<NetInterface> interfaces = interfaces();
    String hostname = readOrEmpty(proc.resolve("sys/kernel/hostname")).strip();
    Resolv resolv = parseResolvConf(readOrEmpty(resolvConf));
    String gateway4 = null;
    String gateway6 = null;
    try {
      for (DefaultRoutes.Gateway g : DefaultRoutes.read(proc)) {
        if (g.address().version() == 4 && gateway4 == null) {
          gateway4 = g.address().toString();
        } else if (g.address().version() == 6 && gateway6 == null) {
          gateway6 = g.address().toString();
        }
      }
    } catch (IOException e) {
      // no routing table to read: no gateways shown
    }
    return new HostNetwork(
        interfaces,
        hostname.isEmpty() ? null : hostname,
        domain(hostname, resolv),
        gateway4,
        gateway6,
        resolv.nameServers());
  }

  /**
   * The link speed in bit/s, or null (loopback and virtual links refuse the read; -1 is unknown).
   */
  private Long speed(String name) {
    String text = readOrEmpty(sys.resolve("class/net").resolve(name).resolve("speed")).strip();
    try {
      long mbps = Long.parseLong(text);
      return mbps > 0 && mbps < Long.MAX_VALUE / 2_000_000 ? mbps * 1_000_000 : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String mac(byte[] b) {
    if (b == null || b.length == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(b.length * 3);
    boolean allZero = true;
    for (byte x : b) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      allZero &= x == 0;
    }
    return allZero ? null : sb.toString();
  }

  /**
   * {@code /proc/net/dev}: per interface, received and transmitted bytes (the first field of each
   * half: {@code name: rx-bytes rx-packets ... (8 receive fields) tx-bytes ...}).
   */
  static Map<String, long[]> parseNetDev(String text) {
    Map<String, long[]> out = new HashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (f.length < 9) {
        continue;
      }
      try {
        out.put(
            line.substring(0, colon).strip(),
            new long[] {Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[8])});
      } catch (NumberFormatException e) {
        // a header line
      }
    }
    return out;
  }

  /** What {@code resolv.conf} says: name servers (at most three), domain and search list. */
  record Resolv(List<String> nameServers, String domain, List<String> search) {}

  /**
   * Parses {@code resolv.conf}; a name server that is not an address is skipped (as glibc does).
   */
  static Resolv parseResolvConf(String text) {
    List<String> servers = new ArrayList<>();
    String domain = null;
    List<String> search = List.of();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("[ \t]+");
      if (f.length < 2 || f[0].startsWith("#") || f[0].startsWith(";")) {
        continue;
      }
      switch (f[0]) {
        case "nameserver" -> {
          if (servers.size() < MAX_NAME_SERVERS) {
            try {
              servers.add(AddressParser.parse(f[1]).toString());
            } catch (InvalidAddressException e) {
              // glibc skips it too
            }
          }
        }
        // the last of "domain" and "search" wins, as in glibc
        case "domain" -> {
          domain = f[1];
          search = List.of();
        }
        case "search" -> {
          domain = null;
          search = List.of(f).subList(1, f.length);
        }
        default -> {
          // options, sortlist: not shown
        }
      }
    }
    return new Resolv(servers, domain, search);
  }

  /**
   * The host's DNS domain, without a lookup: the part of the host name after its first dot, else
   * resolv.conf's {@code domain}, else the first {@code search} domain (glibc's local domain).
   */
  static String domain(String hostname, Resolv resolv) {
    int dot = hostname.indexOf('.');
    if (dot > 0 && dot < hostname.length() - 1) {
      return hostname.substring(dot + 1);
    }
    if (resolv.domain() != null) {
      return resolv.domain();
    }
    return resolv.search().isEmpty() ? null : resolv.search().get(0);
  }

  private static String readOrEmpty(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
