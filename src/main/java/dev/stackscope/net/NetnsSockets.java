package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.os.Accounts;
import dev.stackscope.os.NetworkNamespace;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sockets of every network namespace that has a process: the current one from {@code
 * <proc>/net} (or netlink, through the host's own source), each other one from the tables of one of
 * its processes ({@code <proc>/PID/net/tcp}…, the kernel shows a process's own namespace there).
 * Owners are matched within the namespace: only its processes' descriptors are walked. A namespace
 * whose tables none of its processes let us read is named in the problems.
 */
public final class NetnsSockets {
  /** Tables tried per namespace before giving up (a process may exit between scan and read). */
  private static final int TRIES = 3;

  /** A namespace with its processes (ascending), and whether it is this process's. */
  public record Namespace(NetworkNamespace netns, boolean current, List<Integer> pids) {}

  private final Path proc;
  private final Accounts accounts;
  private final SocketSource currentSource;
  private final NamespaceLabels labels;
  private NetnsScan scan;
  private TcpDiag diag;
  private List<Namespace> namespaces;
  private final Map<Long, Set<IpAddress>> addresses = new HashMap<>();
  private final Map<String, SocketSnapshot> listeners = new HashMap<>();

  public NetnsSockets(
      Path proc, Accounts accounts, SocketSource currentSource, NamespaceLabels labels) {
    this.proc = proc;
    this.accounts = accounts;
    this.currentSource = currentSource;
    this.labels = labels;
  }

  /**
   * Listening TCP sockets of other namespaces from netlink while {@code diag} is on (the warm
   * server), when this reads the live {@code /proc}.
   */
  public NetnsSockets withDiag(TcpDiag diag) {
    this.diag = proc.equals(Path.of("/proc")) ? diag : null;
    return this;
  }

  /**
   * A reader of the same sources with nothing read yet: each frame of a {@code --watch} sees the
   * namespaces, listeners and addresses as they are then.
   */
  public NetnsSockets renewed() {
    NetnsSockets fresh = new NetnsSockets(proc, accounts, currentSource, labels);
    fresh.diag = diag;
    return fresh;
  }

  /**
   * Every namespace with a process: the current one first, then named ones by name, then the others
   * by inode. When this process's own namespace cannot be read, none is current ({@code <proc>/net}
   * is then not read: each namespace comes from its processes).
   */
  public synchronized List<Namespace> namespaces() {
    if (namespaces == null) {
      scan = NetnsScan.scan(proc);
      List<Namespace> list = new ArrayList<>();
      for (Map.Entry<Long, List<Integer>> e : scan.pidsByInode().entrySet()) {
        long inode = e.getKey();
        String name = labels.name(inode, e.getValue());
        boolean current = scan.current() != null && scan.current() == inode;
        list.add(
            new Namespace(new NetworkNamespace(inode, name), current, List.copyOf(e.getValue())));
      }
      if (scan.current() != null && !scan.pidsByInode().containsKey(scan.current())) {
        long inode = scan.current();
        list.add(
            new Namespace(
                new NetworkNamespace(inode, labels.name(inode, List.of())), true, List.of()));
      }
      list.sort(NAMESPACE_ORDER);
      namespaces = List.copyOf(list);
    }
    return namespaces;
  }

  /** Processes whose namespace could not be read (another user's, without root). */
  public synchronized int unreadableProcesses() {
    namespaces();
    return scan.unreadable();
  }

  private static final Comparator<Namespace> NAMESPACE_ORDER =
      new Comparator<>() {
        @Override
        public int compare(Namespace a, Namespace b) {
          if (a.current() != b.current()) {
            return a.current() ? -1 : 1;
          }
          String x = a.netns().name();
          String y = b.netns().name();
          if ((x == null) != (y == null)) {
            return x != null ? -1 : 1;
          }
          int c = x == null ? 0 : x.compareTo(y);
          return c != 0 ? c : Long.compare(a.netns().inode(), b.netns().inode());
        }
      };

  /**
   * One namespace's sockets; owners (when asked) for at least those {@code needsOwners} accepts
   * (null: all), from the descriptors of the namespace's own processes.
   */
  public SocketSnapshot read(
      Namespace ns, SocketRequest request, Predicate<SocketEntry> needsOwners) {
    if (ns.current()) {
      return currentSource.read(request, needsOwners);
    }
    List<SocketEntry> sockets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean read = false;
    for (int i = 0; i < ns.pids().size() && i < TRIES && !read; i++) {
      Path net = proc.resolve(Integer.toString(ns.pids().get(i))).resolve("net");
      List<SocketEntry> into = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (Protocol protocol : Protocol.values()) {
        if (!request.protocols().contains(protocol)) {
          continue;
        }
        if (protocol == Protocol.TCP && request.listeningOnly() && diag != null && diag.enabled()) {
          Optional<List<SocketEntry>> l =
              NamespaceDiag.listeners(
                  net.resolveSibling("ns").resolve("net"), request.ipv4(), request.ipv6());
          if (l.isPresent()) {
            into.addAll(l.get());
            continue;
          }
        }
        if (request.ipv4()) {
          ProcSocketSource.readTable(net, protocol, 4, into, failed);
        }
        if (request.ipv6()) {
          ProcSocketSource.readTable(net, protocol, 6, into, failed);
        }
      }
      if (failed.isEmpty()) {
        sockets = into;
        read = true;
      } else if (i + 1 == Math.min(ns.pids().size(), TRIES)) {
        problems.add("network namespace " + ns.netns().label() + ": " + failed.get(0));
      }
    }
    if (!read || !request.owners() || sockets.isEmpty()) {
      return new SocketSnapshot(sockets, 0, problems);
    }
    Set<Long> wanted = new HashSet<>();
    for (SocketEntry s : sockets) {
      if (s.inode() != 0 && (needsOwners == null || needsOwners.test(s))) {
        wanted.add(s.inode());
      }
    }
    if (wanted.isEmpty()) {
      return new SocketSnapshot(sockets, 0, problems);
    }
    int[] pids = new int[ns.pids().size()];
    for (int i = 0; i < pids.length; i++) {
      pids[i] = ns.pids().get(i);
    }
    SocketOwnerScan owners = SocketOwnerScan.scan(proc, accounts, wanted, pids, pids.length);
    List<SocketEntry> owned = new ArrayList<>(sockets.size());
    for (SocketEntry s : sockets) {
      List<SocketOwner> o = s.inode() == 0 ? List.of() : owners.owners(s.inode());
      owned.add(o.isEmpty() ? s : s.withOwners(o));
    }
    return new SocketSnapshot(owned, owners.unreadableProcesses(), problems);
  }

  /** A namespace's listening sockets of {@code protocol}, with owners; read once per namespace. */
  synchronized SocketSnapshot listeners(Namespace ns, Protocol protocol) {
    String key = ns.netns().inode() + "/" + protocol;
    SocketSnapshot s = listeners.get(key);
    if (s == null) {
      SocketRequest request =
          new SocketRequest(java.util.EnumSet.of(protocol), true, true, true, true);
      s = read(ns, request, LISTENING);
      listeners.put(key, s);
    }
    return s;
  }

  private static final Predicate<SocketEntry> LISTENING =
      new Predicate<>() {
        @Override
        public boolean test(SocketEntry s) {
          return s.isListening();
        }
      };

  /** A namespace's own IPv4 addresses (its {@code fib_trie}); empty when unreadable. */
  public synchronized Set<IpAddress> addresses(Namespace ns) {
    Set<IpAddress> a = addresses.get(ns.netns().inode());
    if (a == null) {
      a = Set.of();
      for (int i = 0; i < ns.pids().size() && i < TRIES; i++) {
        String text =
            readBounded(
                proc.resolve(Integer.toString(ns.pids().get(i))).resolve("net").resolve("fib_trie"),
                FibTrie.MOST_BYTES);
        if (text != null) {
          a = FibTrie.localAddresses(text);
          break;
        }
      }
      addresses.put(ns.netns().inode(), a);
    }
    return a;
  }

  /** The namespace process {@code pid} is in, or null when it is in none this scan read. */
  synchronized Namespace namespaceOfProcess(int pid) {
    for (Namespace ns : namespaces()) {
      if (java.util.Collections.binarySearch(ns.pids(), pid) >= 0) {
        return ns;
      }
    }
    return null;
  }

  /**
   * The namespace of the namespace file {@code file} ({@code /run/netns/NAME}, {@code
   * /run/user/UID/netns/…}): the one with its inode, or null.
   */
  Namespace namespaceOfFile(Path file) {
    long inode;
    try {
      inode = ((Number) java.nio.file.Files.getAttribute(file, "unix:ino")).longValue();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    for (Namespace ns : namespaces()) {
      if (ns.netns().inode() == inode) {
        return ns;
      }
    }
    return null;
  }

  /** At most this many of a process's threads are asked for their children. */
  private static final int MOST_THREADS = 4096;

  /**
   * The children of process {@code pid}, from each of its threads' {@code task/TID/children} (a Go
   * program starts a child from any of its threads); at most {@link #MOST_THREADS} threads.
   */
  List<Integer> children(int pid) {
    List<Integer> children = new ArrayList<>();
    Path tasks = proc.resolve(Integer.toString(pid)).resolve("task");
    try (var threads = java.nio.file.Files.newDirectoryStream(tasks)) {
      int n = 0;
      for (Path t : threads) {
        if (++n > MOST_THREADS) {
          break;
        }
        String text = readBounded(t.resolve("children"), 65536);
        if (text == null) {
          continue;
        }
        for (String c : text.trim().split("\\s+")) {
          int child = PublisherArgs.pid(c);
          if (child > 0 && !children.contains(child)) {
            children.add(child);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not ours to read: no children known
    }
    return children;
  }

  /** A process's command line (at most 64 KiB), or an empty list when unreadable. */
  List<String> commandLine(int pid) {
    String text = readBounded(proc.resolve(Integer.toString(pid)).resolve("cmdline"), 65536);
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> argv = new ArrayList<>();
    for (String a : text.split("\0", PublisherArgs.MOST_ARGS + 1)) {
      argv.add(a);
    }
    return argv;
  }

  /** The file's first {@code most} bytes as UTF-8, or null when it cannot be read. */
  static String readBounded(Path file, int most) {
    byte[] b = new byte[Math.min(most, 8192)];
    int n = 0;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      while (n < most) {
        if (n == b.length) {
          b = java.util.Arrays.copyOf(b, Math.min(most, b.length * 2));
        }
        int r = in.read(b, n, b.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException | SecurityException e) {
      return null;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}
