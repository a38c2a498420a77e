package dev.stackscope.cli.dns;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.cli.PortConverter;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.check.ZoneChecker;
import dev.stackscope.dns.check.ZoneHealth;
import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackscope dns check ZONE}: every nameserver of a zone asked directly, findings listed.
 */
@Command(
    name = "check",
    description = {
      "Check a zone's health: find its parent from the root (no recursive resolver), then ask "
          + "every nameserver address of the zone, from the delegation and the zone's own NS set, "
          + "directly and in parallel.",
      "Checks SOA serials, NS sets at parent and child, glue, lame, refusing and silent servers, "
          + "TCP, EDNS, open recursion, DNSSEC (DS against DNSKEY, signatures, expiry within 7 "
          + "days, NSEC/NSEC3) and TTLs; each finding has a severity: error, warning or notice.",
      "Exit 0 when no finding is an error, 1 when one is, 3 when the only errors are servers "
          + "that could not be asked."
    })
public final class DnsCheckCommand extends BaseCommand {
  /** The most --server addresses. */
  static final int MAX_SERVERS = 16;

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to check.")
  String zone;

  @Option(
      names = "--root-hints",
      paramLabel = "FILE",
      description = "Root hints zone file (named.root format) instead of the built-in IANA hints.")
  Path rootHints;

  @Option(
      names = {"-s", "--server"},
      paramLabel = "IP",
      description =
          "Start the walk to the zone's parent at this server instead of the root servers "
              + "(repeatable; a root of a private tree, or the parent's server).")
  List<String> servers = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "53",
      converter = PortConverter.class,
      description = "Send every query to this port (private test hierarchies; default: 53).")
  int port;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationOption.Millis.class,
      description =
          "Wait this long for each reply: 500ms, 2s; a bare number is milliseconds (1ms to 60s,"
              + " default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  protected void validate() {
    String problem = QueryOptions.validateTimeout("--timeout", timeout);
    if (problem == null && servers.size() > MAX_SERVERS) {
      problem = "at most " + MAX_SERVERS + " --server addresses";
    }
    if (problem == null && rootHints != null && !servers.isEmpty()) {
      problem = "--root-hints and --server are alternatives: give one";
    }
    if (problem != null) {
      throw usageError(problem);
    }
    try {
      QueryName.parse(zone);
      for (String s : servers) {
        ServerAddress.literal(s, s);
      }
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
  }

  @Override
  protected ExitCode execute(Output out) throws InterruptedException {
    Name name = QueryName.parse(zone).name();
    List<NameServer> roots;
    try {
      if (!servers.isEmpty()) {
        List<java.net.InetAddress> addresses = new ArrayList<>();
        for (String s : servers) {
          addresses.add(ServerAddress.literal(s, s));
        }
        roots = List.of(new NameServer(Name.root, List.copyOf(addresses)));
      } else if (rootHints != null) {
        roots =
            RootHints.parse(InputFiles.readText(rootHints, "root hints", RootHints.MAX_FILE_BYTES));
      } else {
        roots = RootHints.builtIn();
      }
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
    ZoneChecker checker =
        new ZoneChecker(
            new SocketTransport(),
            new ZoneChecker.Settings(roots, port, timeout, Clock.systemUTC()));
    ZoneHealth health;
    try (CheckProgress progress =
        new CheckProgress(ProgressLine.forRun(out.stderr(), root().terminal()))) {
      health = checker.check(name, progress);
    }
    // decided before the text/JSON branch: --json never changes the exit code
    ExitCode code =
        switch (health.verdict()) {
          case OK -> ExitCode.OK;
          case ERRORS -> ExitCode.FAILURE;
          case PARTIAL -> ExitCode.PARTIAL;
        };
    if (out.json()) {
      out.json(health);
    } else {
      CheckView.render(out, health);
    }
    return code;
  }
}
