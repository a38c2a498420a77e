package dev.stackscope.stack;

import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.resolvconf.ProcessContext;
import dev.stackscope.dns.resolvconf.ProcessLookup;
import dev.stackscope.http.HttpProbe;
import dev.stackscope.http.HttpRequestSpec;
import dev.stackscope.http.HttpResult;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RouteLookup;
import dev.stackscope.net.NetnsSockets;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.Method;
import dev.stackscope.stack.Explanation.Outcome;
import dev.stackscope.stack.Explanation.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Type;

/**
 * {@code explain --from PID}: the name looked up as that process's C library would ({@link
 * ProcessLookup}: its resolv.conf, hosts and nsswitch.conf, its search list and options, queries
 * from its network namespace), and connections made from its network namespace. Keeps the lookup,
 * every query in order, for the output.
 */
public final class ExplainerFromProcess implements Explainer.Resolver {
  /**
   * What the process's view added to the explanation.
   *
   * @param pid the process
   * @param ownNetworkNamespace whether it is in another network namespace than this host's
   * @param netns that namespace, its inode and name (null when it shares this host's, or the
   *     address steps were not read from it)
   * @param lookup the lookup as its C library makes it (null for an address literal)
   * @param upstreams systemd-resolved's upstream servers when it uses the stub
   * @param connectFrom whose network namespace the connect step (and the HTTP request) was made
   *     from
   * @param addressStepsFrom whose network namespace the address steps' addresses, listeners and
   *     routes were read from
   */
  public record FromProcess(
      int pid,
      boolean ownNetworkNamespace,
      NetworkNamespace netns,
      ProcessLookup.Lookup lookup,
      List<String> upstreams,
      ConnectFrom connectFrom,
      ConnectFrom addressStepsFrom) {}

  /**
   * The address steps as the process sees them from its own network namespace.
   *
   * @param snapshot its namespace's addresses, listeners and processes
   * @param routes the route a packet to an address takes there (null when there is none)
   */
  public record AddressView(
      StackSampler.Snapshot snapshot, Function<IpAddress, RouteLookup.Route> routes) {}

  /** Whose network namespace the connections leave from, or the address steps are read from. */
  public enum ConnectFrom {
    /** The process's own namespace (entered with setns). */
    PROCESS,
    /** This host's, which the process shares. */
    SHARED;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ProcessContext context;
  private final ProcessLookup.View view;
  private final List<String> upstreams;
  private final boolean own;
  private ProcessLookup.Lookup lookup;
  private ProcessNetnsSnapshot namespace;

  /** Reads the process's resolver files; fails when they cannot be read. */
  public ExplainerFromProcess(ProcessContext context) throws IOException {
    this.context = context;
    this.view = context.files();
    this.upstreams = context.resolvedUpstreams(view.conf());
    this.own = context.ownNetworkNamespace();
  }

  @Override
  public Resolution resolve(String name) {
    lookup =
        inNamespace(
            () ->
                ProcessLookup.run(
                    name,
                    List.of(Type.A, Type.AAAA),
                    view,
                    new SocketTransport(),
                    System::nanoTime));
    return resolution(lookup, context);
  }

  /** A connector that opens its connections from the process's network namespace. */
  public TcpConnect.Connector connector() {
    return (InetAddress a, int port, Duration timeout) -> {
      try {
        return context.inNetworkNamespace(() -> TcpConnect.tcp(a, port, timeout));
      } catch (Exception e) {
        return new ConnectAttempt(
            Explainer.text(a), false, 0, Explanation.ConnectError.OTHER, e.getMessage());
      }
    };
  }

  /** What the process's view added: the lookup (null when none was made), and where from. */
  public FromProcess fromProcess() {
    ConnectFrom whose = own ? ConnectFrom.PROCESS : ConnectFrom.SHARED;
    return new FromProcess(
        context.pid(),
        own,
        namespace == null ? null : namespace.netns(),
        lookup,
        upstreams,
        whose,
        namespace != null ? ConnectFrom.PROCESS : ConnectFrom.SHARED);
  }

  /** Whether the process is in another network namespace than this host's. */
  public boolean ownNetworkNamespace() {
    return own;
  }

  /**
   * The address steps from the process's own network namespace (read now), or null when it shares
   * this host's; an {@link IOException} when its namespace cannot be read.
   */
  public AddressView addressView(ProcessSource processes, NetnsSockets namespaces)
      throws IOException {
    if (!own) {
      return null;
    }
    namespace = ProcessNetnsSnapshot.of(processes, namespaces, context.proc(), context.pid());
    return new AddressView(namespace, namespace.network().routeLookup()::route);
  }

  /**
   * Makes the HTTP request from the process's network namespace (the probe's socket is opened on a
   * thread inside it); not entering it is an {@link UncheckedIOException}.
   */
  public HttpResult request(HttpProbe probe, HttpRequestSpec spec) {
    return inNamespace(() -> probe.run(spec));
  }

  /** Runs {@code work} in the process's network namespace; a checked failure comes unchecked. */
  private <T> T inNamespace(java.util.concurrent.Callable<T> work) {
    try {
      return context.inNetworkNamespace(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }

  /** The lookup as explain's resolution step. */
  static Resolution resolution(ProcessLookup.Lookup l, ProcessContext context) {
    if ("files".equals(l.answeredBy())) {
      return new Resolution(
          Method.HOSTS_FILE,
          context.whose() + "'s /etc/hosts",
          Outcome.ANSWER,
          null,
          null,
          l.addresses(),
          List.of(),
          List.of(),
          List.of());
    }
    String source = l.nameservers().isEmpty() ? null : String.join(", ", l.nameservers());
    if (l.answeredBy() != null) {
      String server = null;
      for (ProcessLookup.Query q : l.queries()) {
        if (q.name().equals(l.answerName()) && q.answers() > 0) {
          server = q.server();
          break;
        }
      }
      return new Resolution(
          Method.DNS,
          source,
          Outcome.ANSWER,
          null,
          server,
          l.addresses(),
          List.of(),
          List.of(),
          List.of());
    }
    Outcome outcome = Outcome.NXDOMAIN;
    String error = null;
    if (!l.queries().isEmpty()) {
      ProcessLookup.Query last = l.queries().get(l.queries().size() - 1);
      outcome =
          switch (last.outcome()) {
            case "timeout" -> Outcome.TIMEOUT;
            case "error" -> Outcome.NO_REPLY;
            default -> Outcome.ofRcode(last.outcome());
          };
      error = outcome == Outcome.RCODE ? last.outcome() : null;
    }
    return new Resolution(
        l.queries().isEmpty() ? Method.HOSTS_FILE : Method.DNS,
        source,
        outcome,
        error,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
