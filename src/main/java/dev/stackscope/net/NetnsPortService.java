package dev.stackscope.net;

import dev.stackscope.net.NetnsSockets.Namespace;
import dev.stackscope.os.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code ports} across network namespaces: each namespace's sockets selected, named and sorted as
 * {@link PortService} does for one, the current namespace first; and the published ports of the
 * host's listeners ({@link PublishedPorts}).
 */
public final class NetnsPortService {
  /** One socket, its namespace, and where it leads when it is a published port (else null). */
  public record Row(SocketEntry socket, NetworkNamespace netns, PublishedPort published) {}

  /**
   * The selected sockets of every namespace. {@code namespaces} counts the namespaces read, {@code
   * hiddenNamespaces} the processes whose namespace could not be read (a note: their sockets are
   * listed when another process of theirs is readable); the rest as in {@link PortReport}.
   */
  public record Report(
      List<Row> rows,
      int namespaces,
      int hiddenNamespaces,
      long hiddenOwners,
      int unreadableProcesses,
      List<String> problems) {
    public Report {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }
  }

  private final NetnsSockets namespaces;
  private final ServiceNames services;
  private final PublishedPorts published;

  public NetnsPortService(
      NetnsSockets namespaces, ServiceNames services, PublishedPorts published) {
    this.namespaces = namespaces;
    this.services = services;
    this.published = published;
  }

  /**
   * The same service with nothing read yet (namespaces, their listeners and addresses, the NAT
   * tables): what a {@code --watch} frame asks, so that a container started meanwhile is seen.
   */
  public NetnsPortService renewed() {
    NetnsSockets fresh = namespaces.renewed();
    return new NetnsPortService(fresh, services, published.renewed(fresh));
  }

  /** The sockets {@code query} selects in every namespace that has a process. */
  public Report ports(PortQuery query) {
    List<Row> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long hidden = 0;
    int unreadable = 0;
    List<Namespace> all = namespaces.namespaces();
    for (Namespace ns : all) {
      PortReport r = new PortService(new NamespaceSource(namespaces, ns), services).ports(query);
      Map<Long, PublishedPort> pub = ns.current() ? published.of(r.sockets()) : Map.of();
      for (SocketEntry s : r.sockets()) {
        rows.add(new Row(s, ns.netns(), s.inode() == 0 ? null : pub.get(s.inode())));
      }
      hidden += r.hiddenOwners();
      unreadable = Math.max(unreadable, r.unreadableProcesses());
      problems.addAll(r.problems());
    }
    return new Report(
        rows, all.size(), namespaces.unreadableProcesses(), hidden, unreadable, problems);
  }

  /** Where the host's listeners in {@code report} lead, by socket inode (empty: none published). */
  public Map<Long, PublishedPort> published(PortReport report) {
    if (!PublishedPorts.anyPublished(report.sockets())) {
      return Map.of();
    }
    return published.of(report.sockets());
  }

  /**
   * How many listening sockets the namespaces other than the current one hold, and in how many
   * namespaces: {@code [listeners, namespaces]}. Reads their tables, without owners.
   */
  public int[] otherListeners() {
    int listeners = 0;
    int spaces = 0;
    SocketRequest request =
        new SocketRequest(java.util.EnumSet.allOf(Protocol.class), true, true, false, true);
    for (Namespace ns : namespaces.namespaces()) {
      if (ns.current()) {
        continue;
      }
      int n = 0;
      for (SocketEntry s : namespaces.read(ns, request, null).sockets()) {
        if (s.isListening()) {
          n++;
        }
      }
      listeners += n;
      spaces += n > 0 ? 1 : 0;
    }
    return new int[] {listeners, spaces};
  }

  /** One namespace as a {@link SocketSource} (a class, not a lambda: see {@link PortService}). */
  private static final class NamespaceSource implements SocketSource {
    private final NetnsSockets namespaces;
    private final Namespace ns;

    NamespaceSource(NetnsSockets namespaces, Namespace ns) {
      this.namespaces = namespaces;
      this.ns = ns;
    }

    @Override
    public SocketSnapshot read(SocketRequest request) {
      return namespaces.read(ns, request, null);
    }

    @Override
    public SocketSnapshot read(SocketRequest request, Predicate<SocketEntry> needsOwners) {
      return namespaces.read(ns, request, needsOwners);
    }
  }
}
