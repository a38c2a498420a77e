package dev.stackscope.cli.stack;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.DefaultRoutes;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.process.Secrets;
import dev.stackscope.stack.Explainer;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.Explanation.ListenerStep;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.RoleRules;
import dev.stackscope.cli.dns.TraceView;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.StubResolver;
import dev.stackscope.dns.Tracer;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.stack.HostLookup;
import dev.stackscope.stack.HostsFile;
import dev.stackscope.os.InputFile;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope explain TARGET}: the path a request would take, step by step. */
@Command(
    name = "explain",
    sortOptions = false,
    description = {
      "Follow the path a client would take to TARGET (a URL, HOST:PORT or a bare host): the"
          + " URL's anatomy and effective port, the host's addresses (the hosts file, then DNS"
          + " through the system's resolvers, --server's, or --trace from the root), each"
          + " address's class and what it means for reaching it, and on this host which process"
          + " listens on the port (with its role from 'stack') and on which scope, or else the"
          + " default gateway the packet would leave by.",
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
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Timeout of each --connect attempt (default 3s).")
  String timeout = "3s";

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
      description = "With --trace: root hints (named.root format) instead of the built-in IANA hints.")
  Path rootHints;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "With --trace: send every query to this port (private hierarchies; default: 53).")
  Integer dnsPort;

  @Option(
      names = "--dns-timeout",
      paramLabel = "MS",
      defaultValue = "2000",
      description = "Wait this long for each DNS reply, 1-60000 (default: ${DEFAULT-VALUE} ms).")
  int dnsTimeoutMs;

  @Override
  protected ExitCode execute(Output out) throws Exception {
    Explanation.Target t;
    try {
      t = Explainer.parseTarget(target);
    } catch (IllegalArgumentException e) {
      throw usageError(shown(out, "bad target '" + target + "': " + e.getMessage()));
    }
    Duration connectTimeout = DurationArgument.parse(timeout);
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.toSeconds() > 60) {
      throw usageError("--timeout needs a duration up to 60s such as 3s, not '" + timeout + "'");
    }
    Explainer explainer =
        new Explainer(
            lookup(),
            new HostSnapshot(host().processes(), host().sockets(), host().interfaces()),
            new RoleClassifier(RoleRules.builtIn()),
            a -> gateway(host().proc(), a));
    Explanation e;
    try {
      e = explainer.explain(t);
    } catch (DnsInputException ex) {
      throw usageError("bad host '" + t.host() + "': " + ex.getMessage());
    }
    if (!out.reveal()) {
      Explanation.Target x = e.target();
      Explanation.Target masked =
          new Explanation.Target(
              shown(out, x.input()), x.scheme(), x.host(), x.port(), x.defaultPort(), x.portSource());
      e = new Explanation(masked, e.resolution(), e.addresses(), e.connect());
    }
    if (e.addresses().isEmpty()) {
      if (out.json()) {
        out.json(e);
      } else {
        render(out, e);
      }
      out.note("'" + t.host() + "' does not resolve: " + describe(e.resolution()));
      return ExitCode.FAILURE;
    }
    ConnectStep c = null;
    if (connect && !e.addresses().isEmpty()) {
      List<InetAddress> addresses = new ArrayList<>();
      for (AddressStep a : e.addresses()) {
        addresses.add(AddressParser.parse(a.address()).toInetAddress());
      }
      c = Explainer.connect(addresses, t.port(), connectTimeout, Explainer::tcp);
      e = new Explanation(e.target(), e.resolution(), e.addresses(), c);
    }
    if (out.json()) {
      out.json(e);
    } else {
      render(out, e);
    }
    if (c != null && !c.ok()) {
      String to = c.attempts().size() == 1 ? c.address() : t.host();
      out.note("connect to " + to + " port " + c.port() + ": " + c.error());
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }

  /** {@code text} with its secrets (a URL's password) masked unless --reveal. */
  private static String shown(Output out, String text) {
    return out.reveal() ? text : Secrets.maskText(text, Output.MASK);
  }

  /** The resolver the options ask for; bad options are usage errors. */
  private Explainer.Resolver lookup() {
    if (trace && !servers.isEmpty()) {
      throw usageError("--trace resolves from the root: it cannot be combined with --server");
    }
    if (!trace && (rootHints != null || dnsPort != null)) {
      throw usageError("--root-hints and --port apply only with --trace");
    }
    String badTimeout =
        dev.stackscope.cli.dns.QueryOptions.validateTimeout("--dns-timeout", dnsTimeoutMs);
    if (badTimeout != null) {
      throw usageError(badTimeout);
    }
    int port = dnsPort == null ? 53 : dnsPort;
    if (port < 1 || port > 65535) {
      throw usageError("--port must be 1-65535");
    }
    Duration timeout = Duration.ofMillis(dnsTimeoutMs);
    try {
      if (trace) {
        List<NameServer> roots =
            rootHints == null
                ? RootHints.builtIn()
                : RootHints.parse(InputFiles.readText(rootHints, "root hints", RootHints.MAX_FILE_BYTES));
        Tracer tracer =
            new Tracer(
                new SocketTransport(),
                new Tracer.Settings(roots, port, Protocol.UDP, timeout, 1, Tracer.Family.ANY, false));
        return new HostLookup(null, null, null, tracer);
      }
      List<InetSocketAddress> parsed = new ArrayList<>();
      for (String s : servers) {
        parsed.add(ServerAddress.parse(s, 53));
      }
      StubResolver stub =
          new StubResolver(
              new SocketTransport(), new StubResolver.Settings(parsed, Protocol.UDP, timeout, 2, false));
      if (!servers.isEmpty()) {
        return new HostLookup(null, null, stub, null); // --server: DNS only
      }
      Path file = hostsFile == null ? host().hostsFile() : hostsFile;
      return new HostLookup(file, HostsFile.read(file, hostsFile == null), stub, null);
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    } catch (InputFile.Unreadable e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The DNS outcome in words: "NXDOMAIN from 127.0.0.53:53", "timeout (asked 10.0.0.1:53)". */
  static String describe(Explanation.Resolution r) {
    String what =
        switch (r.outcome()) {
          case "nxdomain" -> "NXDOMAIN (no such name)";
          case "nodata" -> "NODATA (the name exists but has no A or AAAA record)";
          default -> r.outcome();
        };
    if (r.server() != null) {
      return what + " from " + r.server();
    }
    return r.source() == null ? what : what + " (" + r.method() + ": " + r.source() + ")";
  }

  private static void render(Output out, Explanation e) {
    out.detail(head(e));
    if (!e.resolution().traces().isEmpty()) {
      out.blank();
      out.line(Text.of("Trace from the root", Style.BOLD));
      out.trees(e.resolution().traces().stream().map(TraceView::tree).toList());
    }
    if (!e.addresses().isEmpty()) {
      out.blank();
      out.detail(steps(e));
    }
  }

  private static Detail head(Explanation e) {
    Explanation.Target t = e.target();
    Detail d = Detail.titled(t.input());
    Detail.Section target = d.section("1. Target");
    if (t.scheme() != null) {
      target.field("scheme", t.scheme());
    }
    target.field("host", t.host());
    target.field("port", t.port() + " (" + t.portSource() + ")");
    if (t.defaultPort() != null) {
      target.field("scheme's default port", t.defaultPort());
    }
    Explanation.Resolution r = e.resolution();
    Detail.Section res = d.section("2. Resolution").field("method", r.method());
    if (r.source() != null) {
      res.field(r.method().equals("dns") ? "asked" : "source", r.source());
    }
    res.field("outcome", r.addresses().isEmpty() ? describe(r) : r.outcome());
    if (r.server() != null && !r.addresses().isEmpty()) {
      res.field("answered by", r.server());
    }
    for (RecordData rec : r.records()) {
      res.field(rec.type(), rec.name() + "  ttl " + rec.ttl() + "  " + rec.data());
    }
    if (!r.addresses().isEmpty()) {
      res.field("addresses", String.join(", ", r.addresses()));
    }
    return d;
  }

  private static Detail steps(Explanation e) {
    Detail d = new Detail(Text.of(""));
    int n = 3;
    for (AddressStep a : e.addresses()) {
      Detail.Section s = d.section(n++ + ". Address " + a.address());
      s.field("class", a.addressClass());
      s.field("reach", a.meaning());
      s.field("this host's", a.local() ? "yes" : "no");
      if (a.local()) {
        ListenerStep l = a.listener();
        if (l == null) {
          s.field("listener", "nothing listens on port " + e.target().port());
        } else {
          s.field("listener", (l.program() == null ? "(owner not visible)" : l.program())
              + (l.pids().isEmpty() ? "" : " pid " + l.pids().get(0)));
          s.field("user", l.user());
          s.field("role", l.role() == null ? "-" : l.role());
          s.field("bound to", l.address() + " port " + l.port() + " (" + l.scope() + ")");
        }
      } else {
        s.field("leaves by", a.gateway() == null ? "no default gateway" : a.gateway());
      }
    }
    ConnectStep c = e.connect();
    if (c != null && c.attempts().size() <= 1) {
      d.section(n + ". Connect")
          .field("to", c.address() + " port " + c.port())
          .field("result", c.ok() ? "connected in " + c.millis() + " ms" : c.error() + " after " + c.millis() + " ms");
    } else if (c != null) {
      // several addresses: each attempt, in Happy Eyeballs order, then the outcome
      Detail.Section s = d.section(n + ". Connect").field("port", c.port());
      int i = 1;
      for (ConnectAttempt a : c.attempts()) {
        s.field("attempt " + i++, a.address() + "  " + (a.ok() ? "connected in " + a.millis() + " ms" : a.error() + " after " + a.millis() + " ms"));
      }
      s.field("result", c.ok()
          ? "connected to " + c.address() + " in " + c.millis() + " ms"
          : "no address answered (" + c.millis() + " ms)");
    }
    return d;
  }

  /** The default gateway for the address's family, as "ADDRESS dev IFACE", or null. */
  static String gateway(Path proc, InetAddress a) {
    try {
      List<DefaultRoutes.Gateway> all = DefaultRoutes.read(proc);
      int version = a instanceof Inet6Address ? 6 : 4;
      return all.stream()
          .filter(g -> g.address().version() == version)
          .findFirst()
          .map(g -> g.address() + " dev " + g.interfaceName())
          .orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
