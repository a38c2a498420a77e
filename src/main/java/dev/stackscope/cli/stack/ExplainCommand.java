package dev.stackscope.cli.stack;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.DurationOption.BareUnit;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.cli.PortConverter;
import dev.stackscope.cli.dns.QueryOptions;
import dev.stackscope.cli.http.TrustOptions;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.resolvconf.ProcessContext;
import dev.stackscope.ip.RouteLookup;
import dev.stackscope.os.InputFile;
import dev.stackscope.output.Output;
import dev.stackscope.stack.ExplainRequest;
import dev.stackscope.stack.ExplainService;
import dev.stackscope.stack.Explainer;
import dev.stackscope.stack.ExplainerFromProcess;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.LookupPlan;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.RoleRules;
import dev.stackscope.stack.StackSampler;
import dev.stackscope.stack.TcpConnect;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackscope explain TARGET}: the path a request would take, step by step. Options → {@link
 * ExplainRequest} and {@link LookupPlan} ({@link #validate}) → {@link ExplainService} → {@link
 * Explanation} → exit code → {@link ExplainView}.
 */
@Command(
    name = "explain",
    sortOptions = false,
    description = {
      "Follow the path a client would take to TARGET (a URL, HOST:PORT or a bare host): the"
          + " URL's anatomy and effective port, the host's addresses (the hosts file, then DNS"
          + " through the system's resolvers, --server's, or --trace from the root), each"
          + " address's class and what it means for reaching it, and on this host which process"
          + " listens on the port (with its role from 'stack') and on which scope, or else the"
          + " route the packet would leave by (a gateway, or directly on an interface).",
      "Exit codes: 1 when the name does not resolve (the DNS outcome says why: NXDOMAIN, NODATA,"
          + " timeout) or --connect fails."
    })
public final class ExplainCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TARGET", description = "URL, HOST:PORT or HOST.")
  String target;

  @Option(
      names = "--connect",
      description =
          "Open a TCP connection: the addresses one at a time, IPv6 and IPv4 interleaved (Happy"
              + " Eyeballs, RFC 8305), until one connects; report each attempt and its time.")
  boolean connect;

  @Option(
      names = "--http",
      description =
          "After connecting, make the HTTP request (GET, redirects not followed) and add its step:"
              + " status, server, TLS summary, cache verdict; and when the listener is part of"
              + " the stack, the request path through it on this host. Implies --connect.")
  boolean http;

  @Mixin TrustOptions trust;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = DurationOption.Seconds.class,
      description =
          "Timeout of each --connect attempt: 500ms, 3s; a bare number is seconds (up to 60s,"
              + " default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-s", "--server"},
      paramLabel = "IP[:PORT]",
      description =
          "Resolve through this DNS server instead of the system's (repeatable; [v6]:port for"
              + " IPv6); the hosts file is not consulted then.")
  List<String> servers = new ArrayList<>();

  @Option(
      names = "--hosts-file",
      paramLabel = "FILE",
      description =
          "Hosts file consulted before DNS (default: /etc/hosts, skipped when absent); a file"
              + " given that is missing, unreadable or over 16 MiB is an error (exit 2).")
  Path hostsFile;

  @Option(
      names = "--trace",
      description =
          "Resolve iteratively from the root servers (as 'dns trace') and show every query; the"
              + " addresses come from the trace.")
  boolean trace;

  @Option(
      names = "--root-hints",
      paramLabel = "FILE",
      description =
          "With --trace: root hints (named.root format) instead of the built-in IANA hints.")
  Path rootHints;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = PortConverter.class,
      description =
          "With --trace: send every query to this port (private hierarchies; default: 53).")
  Integer dnsPort;

  @Option(
      names = "--dns-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationOption.Millis.class,
      description =
          "Wait this long for each DNS reply: 500ms, 2s; a bare number is milliseconds (1ms to"
              + " 60s, default: ${DEFAULT-VALUE}).")
  Duration dnsTimeout;

  @Option(
      names = "--from",
      paramLabel = "PID",
      description =
          "Look the host up as this process would (as 'dns resolve --as PID': its resolv.conf,"
              + " hosts and nsswitch.conf through /proc/PID/root, its search list, ndots and"
              + " options, queries from its network namespace; every query shown); when it has"
              + " a network namespace of its own, read the addresses, listeners and routes there"
              + " and connect (and make --http's request) from it.")
  Integer fromPid;

  /** The longest --timeout: a connection not made in a minute will not be made. */
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(60);

  /** What {@link #validate} made of the options. */
  private ExplainRequest request;

  private List<InetSocketAddress> serverAddresses;

  @Override
  protected void validate() {
    Explanation.Target t;
    try {
      t = Explainer.parseTarget(target);
    } catch (IllegalArgumentException e) {
      String message = "bad target '" + target + "': " + e.getMessage();
      throw usageError(ExplainView.shown(root().output(), message));
    }
    if (!Explainer.isLiteral(t.host())) {
      try {
        QueryName.parse(
            t.host()); // a name DNS cannot carry is a usage error, found before any lookup
      } catch (DnsInputException e) {
        throw usageError("bad host '" + t.host() + "': " + e.getMessage());
      }
    }
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
      throw usageError(
          "--timeout needs a duration up to 60s such as 3s, not '"
              + BareUnit.SECONDS.format(timeout)
              + "'");
    }
    if (trace && !servers.isEmpty()) {
      throw usageError("--trace resolves from the root: it cannot be combined with --server");
    }
    if (!trace && (rootHints != null || dnsPort != null)) {
      throw usageError("--root-hints and --port apply only with --trace");
    }
    if (fromPid != null) {
      if (fromPid < 1) {
        throw usageError("--from: not a process id: " + fromPid);
      }
      if (!servers.isEmpty() || trace || hostsFile != null) {
        throw usageError(
            "--from resolves as the process does: it cannot go with --server, --trace or"
                + " --hosts-file");
      }
    }
    if (!http && (trust.insecure() || trust.cacert() != null)) {
      throw usageError(
          (trust.insecure() ? "--insecure" : "--cacert") + " applies only with --http");
    }
    String badTimeout = QueryOptions.validateTimeout("--dns-timeout", dnsTimeout);
    if (badTimeout != null) {
      throw usageError(badTimeout);
    }
    serverAddresses = new ArrayList<>();
    try {
      for (String s : servers) {
        serverAddresses.add(ServerAddress.parse(s, 53));
      }
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
    request = new ExplainRequest(t, connect || http, timeout);
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    ExplainerFromProcess from = fromPid == null ? null : fromProcess();
    ExplainerFromProcess.AddressView own = from == null ? null : addressView(from);
    StackSampler.Snapshot view =
        own != null
            ? own.snapshot()
            : host()
                .netnsStack(
                    new HostSnapshot(host().processes(), host().sockets(), host().interfaces()),
                    true);
    ExplainService service =
        new ExplainService(
            new Explainer(
                from != null ? from : lookup(),
                view,
                new RoleClassifier(RoleRules.builtIn()),
                own != null
                    ? own.routes()
                    : new RouteLookup(RouteLookup.read(host().proc()), RouteLookup::interfaceName)
                        ::route),
            from != null ? from.connector() : TcpConnect::tcp);
    Explanation e;
    try {
      e = service.explain(request);
      if (http) {
        return ExplainHttp.run(out, e, request.connectTimeout(), host(), trust, from, own);
      }
    } catch (DnsInputException ex) {
      throw usageError("bad host '" + request.target().host() + "': " + ex.getMessage());
    } catch (java.io.UncheckedIOException ex) {
      if (from == null) {
        throw ex;
      }
      throw CommandException.failure("--from " + fromPid + ": " + ex.getCause().getMessage());
    } catch (java.io.IOException ex) {
      if (from == null) {
        throw ex;
      }
      throw CommandException.failure("--from " + fromPid + ": " + ex.getMessage());
    }
    // decided before the text/JSON branch: --json never changes the exit code
    ExitCode code = ExplainService.failed(e) ? ExitCode.FAILURE : ExitCode.OK;
    ExplainView.show(out, e, from == null ? null : from.fromProcess());
    return code;
  }

  /** The address steps from the process's own namespace (null when it shares this one). */
  private ExplainerFromProcess.AddressView addressView(ExplainerFromProcess from) {
    try {
      return from.addressView(host().processes(), host().netnsSockets());
    } catch (java.io.IOException e) {
      throw CommandException.failure(
          "--from " + fromPid + ": cannot read its network namespace: " + e.getMessage());
    }
  }

  /** The process's view for --from; a missing process or unreadable files are exit 1. */
  private ExplainerFromProcess fromProcess() {
    try {
      return new ExplainerFromProcess(ProcessContext.of(host().proc(), fromPid));
    } catch (ProcessContext.NoSuchProcess e) {
      throw CommandException.failure("--from " + fromPid + ": no such process");
    } catch (java.io.IOException e) {
      throw CommandException.failure(
          "--from "
              + fromPid
              + ": cannot read its resolver files: "
              + e.getMessage()
              + " (reading another process's root needs root)");
    }
  }

  /** The lookup the options ask for; a hosts or root hints file that cannot be read is exit 2. */
  private Explainer.Resolver lookup() {
    try {
      List<NameServer> roots = null;
      if (trace) {
        roots =
            rootHints == null
                ? RootHints.builtIn()
                : RootHints.parse(
                    InputFiles.readText(rootHints, "root hints", RootHints.MAX_FILE_BYTES));
      }
      Path hosts = hostsFile == null ? host().hostsFile() : hostsFile;
      return new LookupPlan(
              serverAddresses,
              hosts,
              hostsFile != null,
              roots,
              dnsPort == null ? 53 : dnsPort,
              dnsTimeout)
          .resolver();
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    } catch (InputFile.Unreadable e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }
}
