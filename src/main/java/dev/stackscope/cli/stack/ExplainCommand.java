package dev.stackscope.cli.stack;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.ip.DefaultRoutes;
import dev.stackscope.net.ProcSocketSource;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.stack.Explainer;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.Explanation.ListenerStep;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.RoleRules;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
          + " URL's anatomy and effective port, the host's addresses (system resolver), each"
          + " address's class and what it means for reaching it, and on this host which process"
          + " listens on the port (with its role from 'stack') and on which scope, or else the"
          + " default gateway the packet would leave by.",
      "Exit codes: 1 when the name does not resolve or --connect fails."
    })
public final class ExplainCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TARGET", description = "URL, HOST:PORT or HOST.")
  String target;

  @Option(names = "--connect", description = "Open a TCP connection and report success and time.")
  boolean connect;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Connect timeout for --connect (default 3s).")
  String timeout = "3s";

  @Override
  protected ExitCode execute(Output out) throws Exception {
    Explanation.Target t;
    try {
      t = Explainer.parseTarget(target);
    } catch (IllegalArgumentException e) {
      throw usageError("bad target '" + target + "': " + e.getMessage());
    }
    Duration connectTimeout = DurationArgument.parse(timeout);
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.toSeconds() > 60) {
      throw usageError("--timeout needs a duration up to 60s such as 3s, not '" + timeout + "'");
    }
    Explainer explainer =
        new Explainer(
            name -> Arrays.asList(InetAddress.getAllByName(name)),
            new HostSnapshot(ProcessSource.system(), ProcSocketSource.system()),
            new RoleClassifier(RoleRules.builtIn()),
            ExplainCommand::gateway);
    Explanation e;
    try {
      e = explainer.explain(t);
    } catch (UnknownHostException ex) {
      throw CommandException.failure("'" + t.host() + "' does not resolve (system resolver): no address found");
    }
    ConnectStep c = null;
    if (connect && !e.addresses().isEmpty()) {
      c = Explainer.connect(InetAddress.getByName(e.addresses().get(0).address()), t.port(), connectTimeout);
      e = new Explanation(e.target(), e.resolution(), e.addresses(), c);
    }
    if (out.json()) {
      out.json(e);
    } else {
      out.detail(render(e));
    }
    if (c != null && !c.ok()) {
      out.note("connect to " + c.address() + " port " + c.port() + ": " + c.error());
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }

  private static Detail render(Explanation e) {
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
    d.section("2. Resolution").field("method", e.resolution().method()).field("addresses", String.join(", ", e.resolution().addresses()));
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
    if (c != null) {
      d.section(n + ". Connect")
          .field("to", c.address() + " port " + c.port())
          .field("result", c.ok() ? "connected in " + c.millis() + " ms" : c.error() + " after " + c.millis() + " ms");
    }
    return d;
  }

  /** The default gateway for the address's family, as "ADDRESS dev IFACE", or null. */
  static String gateway(InetAddress a) {
    try {
      List<DefaultRoutes.Gateway> all = DefaultRoutes.read(Path.of("/proc"));
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
