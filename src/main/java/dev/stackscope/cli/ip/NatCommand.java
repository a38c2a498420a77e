package dev.stackscope.cli.ip;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.DefaultRoutes;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.NatBehaviourProbe;
import dev.stackscope.ip.NatInspector;
import dev.stackscope.ip.NatReport;
import dev.stackscope.ip.StunClient;
import dev.stackscope.ip.StunException;
import dev.stackscope.ip.StunReport;
import dev.stackscope.ip.StunServer;
import dev.stackscope.ip.TransportAddress;
import dev.stackscope.ip.UdpStunTransport;
import dev.stackscope.net.NetInterface;
import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stackscope nat [--stun HOST[:PORT]]}: what this host looks like from outside. */
@Command(
    name = "nat",
    sortOptions = false,
    description = {
      "What this host looks like from outside: its interfaces' addresses classified, the default "
          + "gateway, and with --stun a STUN Binding request (RFC 8489) that shows the mapped "
          + "address and says whether this host is behind NAT; against a server with an "
          + "OTHER-ADDRESS, also the NAT's mapping and filtering behaviour (RFC 5780 tests, "
          + "RFC 4787 terms).",
      "No server is contacted without --stun."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done",
      "  1  the STUN server did not answer, or gave an error or a malformed answer",
      "  2  usage error (e.g. an invalid --stun argument)",
      "  3  interfaces or routes could not be read (stderr says what)"
    })
public final class NatCommand extends BaseCommand {
  @Option(
      names = "--stun",
      paramLabel = "HOST[:PORT]",
      description = "Ask this STUN server (UDP, default port 3478) what it sees.")
  String stun;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = DurationOption.Seconds.class,
      description =
          "Give up on each STUN request after this long, retransmissions included: 500ms, 3s;"
              + " a bare number is seconds (at most 60s, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** The --stun server, parsed by {@link #validate}; null without --stun. */
  private StunServer server;

  @Override
  protected void validate() {
    server = null;
    if (stun != null) {
      try {
        server = StunServer.parse(stun);
      } catch (InvalidAddressException e) {
        throw usageError("--stun " + stun + ": " + e.getMessage());
      }
    }
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw usageError("--timeout must be more than 0 and at most 60 seconds");
    }
  }

  @Override
  protected ExitCode execute(Output out) {
    AddressClassifier classifier = AddressClassifier.standard();
    List<String> problems = new ArrayList<>();
    List<NetInterface> interfaces = List.of();
    try {
      interfaces = host().interfaces().interfaces();
    } catch (UncheckedIOException e) {
      problems.add("cannot list interfaces: " + e.getMessage());
    }
    List<DefaultRoutes.Gateway> routes = List.of();
    Path proc = host().proc();
    try {
      routes = DefaultRoutes.read(proc);
    } catch (IOException e) {
      problems.add("cannot read the routing table under " + proc + ": " + e.getMessage());
    }
    StunReport stunReport = null;
    if (server != null) {
      try (NatProgressLine progress =
          new NatProgressLine(ProgressLine.forRun(out.stderr(), root().terminal()), timeout)) {
        stunReport = askStun(server, classifier, progress);
      }
    }
    NatReport report = new NatInspector(classifier).report(interfaces, routes, stunReport);
    if (out.json()) {
      out.json(report);
    } else {
      NatView.render(out, report);
    }
    problems.forEach(out::note);
    return problems.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
  }

  private StunReport askStun(
      StunServer server, AddressClassifier classifier, NatBehaviourProbe.Progress progress) {
    TransportAddress address;
    try {
      address = server.resolve();
    } catch (IOException e) {
      throw CommandException.failure(e.getMessage());
    }
    try (UdpStunTransport transport = UdpStunTransport.towards(address)) {
      StunClient client = StunClient.of(transport, timeout);
      return new NatBehaviourProbe(client, classifier, progress).probe(address, server.toString());
    } catch (StunException e) {
      throw CommandException.failure(e.getMessage());
    } catch (IOException e) {
      throw CommandException.failure("cannot reach STUN server " + server + ": " + e.getMessage());
    }
  }
}
