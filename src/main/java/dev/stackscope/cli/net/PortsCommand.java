package dev.stackscope.cli.net;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.PidArgument;
import dev.stackscope.cli.PortConverter;
import dev.stackscope.cli.RegexConverter;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.ListenPressure;
import dev.stackscope.net.ListenQueue;
import dev.stackscope.net.ListenQueues;
import dev.stackscope.net.NetnsPortService;
import dev.stackscope.net.NetnsPortService.Row;
import dev.stackscope.net.PortQuery;
import dev.stackscope.net.PortReport;
import dev.stackscope.net.PortService;
import dev.stackscope.net.Protocol;
import dev.stackscope.net.PublishedPort;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketState;
import dev.stackscope.net.UnixQuery;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.output.Output;
import dev.stackscope.shell.Frame;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code stackscope ports}: who holds which TCP and UDP port (ss -tulpn, lsof -i). */
@Command(
    name = "ports",
    description = {
      "List TCP and UDP sockets with their owning processes, services and reach.",
      "Default: listening sockets (TCP listeners and unconnected UDP sockets), like ss -tulpn.",
      "SCOPE says who can reach a socket: all interfaces, loopback only, private network,"
          + " link-local or public."
    })
public final class PortsCommand extends BaseCommand {
  @Option(
      names = {"-a", "--all"},
      description = "Every socket: established and every other state too.")
  boolean all;

  @Option(
      names = {"-t", "--tcp"},
      description = "TCP sockets (with -u: both).")
  boolean tcp;

  @Option(
      names = {"-u", "--udp"},
      description = "UDP sockets (with -t: both).")
  boolean udp;

  @Option(
      names = {"-x", "--unix"},
      description = {
        "Unix sockets instead: path, type, state, holders, peer and, for a listener, the socket"
            + " file's owner, group, mode and who can connect (ss -xlp; with -a every socket)."
      })
  boolean unix;

  @Option(names = "-4", description = "IPv4 sockets only.")
  boolean ipv4;

  @Option(names = "-6", description = "IPv6 sockets only.")
  boolean ipv6;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = PortConverter.class,
      description = "Sockets whose local or remote port is N (1-65535).")
  Integer port;

  @Option(
      names = "--pid",
      paramLabel = "P",
      converter = PidConverter.class,
      description = "Sockets held by process P.")
  Integer pid;

  @Option(
      names = "--process",
      paramLabel = "REGEX",
      converter = RegexConverter.class,
      description = "Sockets held by a process whose name matches REGEX (found anywhere).")
  Pattern process;

  @Option(
      names = "--state",
      paramLabel = "NAME",
      converter = StateConverter.class,
      description = {
        "Sockets in state NAME: established, syn-sent, syn-recv, fin-wait-1, fin-wait-2,"
            + " time-wait, close-wait, last-ack, listening, closing, closed, unconnected."
      })
  SocketState state;

  /** The JSON shape of one socket. */
  record PortJson(
      String protocol,
      int ipVersion,
      String localAddress,
      int localPort,
      String remoteAddress,
      Integer remotePort,
      String state,
      List<SocketOwner> owners,
      String service,
      String scope,
      Integer acceptQueue,
      Integer backlog,
      NetworkNamespace netns,
      PublishedPort published) {}

  @Option(
      names = "--sample",
      paramLabel = "DURATION",
      description = {
        "Watch the TCP listeners for this long (e.g. 5s; up to 1h): how much the kernel's"
            + " ListenOverflows and ListenDrops counters grew, and which accept queues were"
            + " seen full."
      })
  String sample;

  @Option(
      names = "--all-netns",
      description = {
        "Sockets of every network namespace that has a process (containers, ip netns), each with"
            + " its NETNS; owners are found among that namespace's processes."
      })
  boolean allNetns;

  @Mixin WatchOptions watch;

  /** --sample as a duration, from {@link #validate}; null without it. */
  private java.time.Duration sampleFor;

  @Override
  protected void validate() {
    watch.validate();
    if (unix && allNetns) {
      throw usageError("--all-netns is for TCP/UDP sockets, not --unix");
    }
    if (unix && (tcp || udp || ipv4 || ipv6 || port != null)) {
      throw usageError("--unix lists Unix sockets: -t, -u, -4, -6 and --port are for TCP/UDP");
    }
    if (allNetns && sample != null) {
      throw usageError("--sample counts this network namespace's listeners, not --all-netns");
    }
    try {
      sampleFor = sample == null ? null : PortsPressure.duration(sample, unix, watch.enabled());
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    Pattern processPattern = process;
    if (unix) {
      return UnixSocketsView.show(
          out,
          host().unixSockets(),
          new UnixQuery(all, state, pid, processPattern),
          watch,
          host().runningAsRoot());
    }
    EnumSet<Protocol> protocols = EnumSet.noneOf(Protocol.class);
    if (tcp) {
      protocols.add(Protocol.TCP);
    }
    if (udp) {
      protocols.add(Protocol.UDP);
    }
    if (protocols.isEmpty()) {
      protocols = EnumSet.allOf(Protocol.class);
    }
    boolean v4 = ipv4 || !ipv6;
    boolean v6 = ipv6 || !ipv4;
    PortQuery query = new PortQuery(all, protocols, v4, v6, state, port, pid, processPattern);
    if (allNetns) {
      return NetnsPortsView.showAll(out, host(), host().netnsPorts(), query, watch);
    }
    if (watch.enabled()) {
      PortService service = host().ports();
      NetnsPortService namespaces = host().netnsPorts();
      return watch.run(
          out,
          o -> {
            PortReport r = service.ports(query);
            ListenQueues q = PortsPressure.queues(host(), query.protocols());
            // published ports as the one-shot view shows them, followed afresh each frame
            List<Row> rows = NetnsPortsView.rows(r, namespaces.renewed().published(r));
            notes(o, r, host().runningAsRoot());
            // a row is a socket and one of its owners; REMOTE tells connections apart under -a
            return Frame.of(NetnsPortsView.table(rows, false, q))
                .keyedBy(0, 1, 2, 4)
                .json(NetnsPortsView.json(rows, q))
                .partial(!r.problems().isEmpty()); // as without --watch: hidden owners are a note
          });
    }
    ListenPressure pressure =
        sampleFor == null ? null : PortsPressure.sample(host(), sampleFor, out, root());
    PortReport report = host().ports().ports(query);
    ListenQueues queues = PortsPressure.queues(host(), query.protocols());
    NetnsPortService namespaces = host().netnsPorts();
    Map<Long, PublishedPort> published = namespaces.published(report);
    if (out.json()) {
      out.json(NetnsPortsView.json(NetnsPortsView.rows(report, published), queues));
    } else {
      out.table(
          published.isEmpty()
              ? PortsTable.of(report.sockets(), queues)
              : NetnsPortsView.table(NetnsPortsView.rows(report, published), false, queues));
      PortsPressure.summary(out, pressure, report);
    }
    notes(out, report, host().runningAsRoot());
    if (out.json() && pressure != null) {
      out.note(PortsPressure.summaryLine(pressure, report));
    }
    if (out.settings().terminal() && !out.json()) {
      String other = NetnsPortsView.otherNamespacesNote(namespaces);
      if (other != null) {
        out.note(other);
      }
    }
    return report.problems().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
  }

  /**
   * One socket's JSON; {@code queue} null but for a TCP listener whose accept queue was read,
   * {@code netns} null without --all-netns, {@code published} null but for a published port.
   */
  static PortJson portJson(
      SocketEntry s, ListenQueue queue, NetworkNamespace netns, PublishedPort published) {
    return new PortJson(
        s.protocol().toString(),
        s.ipVersion(),
        IpAddress.text(s.localAddress()),
        s.localPort(),
        IpAddress.text(s.remoteAddress()),
        s.remotePort(),
        s.state().toString(),
        s.owners(),
        s.service(),
        s.scope().toString(),
        queue == null ? null : queue.queued(),
        queue == null ? null : queue.backlog(),
        netns,
        published);
  }

  /** What could not be read, and how many owners were hidden, on stderr. */
  private static void notes(Output out, PortReport report, boolean asRoot) {
    for (String problem : report.problems()) {
      out.note(problem);
    }
    if (report.hiddenOwners() > 0) {
      out.note(hiddenOwnersNote(report, asRoot));
    }
  }

  /** One line: how many owners were hidden, why, and whether root would see them. */
  static String hiddenOwnersNote(PortReport report, boolean asRoot) {
    return HiddenOwnersNote.of(report.hiddenOwners(), report.unreadableProcesses(), asRoot);
  }

  static final class PidConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int pid = PidArgument.parse(value.trim());
      if (pid < 0) {
        throw new TypeConversionException(
            "'" + value + "' is not a process ID; accepted: a positive whole number");
      }
      return pid;
    }
  }

  static final class StateConverter implements ITypeConverter<SocketState> {
    @Override
    public SocketState convert(String value) {
      SocketState s = SocketState.byLabel(value);
      if (s == null) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a socket state; accepted: "
                + String.join(", ", SocketState.labels()));
      }
      return s;
    }
  }
}
