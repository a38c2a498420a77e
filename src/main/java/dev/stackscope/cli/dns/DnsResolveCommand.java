package dev.stackscope.cli.dns;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.QueryShape;
import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.RecordTypes;
import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.ResolverComparison;
import dev.stackscope.dns.StubResolver;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope dns resolve NAME... [TYPE...]}: stub resolution, like dig. */
@Command(
    name = "resolve",
    description = {
      "Ask a recursive resolver (the system's, or --server) for records.",
      "Types: A AAAA CNAME MX NS TXT SOA PTR SRV CAA HTTPS SVCB DS DNSKEY (default: A and "
          + "AAAA).",
      "With several --server: the same queries to all of them in parallel, answers side by side"
          + " and differences marked.",
      "Exit 1 when a name does not exist (NXDOMAIN) or no server replied (with several --server:"
          + " or when they disagree)."
    })
public final class DnsResolveCommand extends BaseCommand {
  @Parameters(
      paramLabel = "NAME|TYPE",
      arity = "1..*",
      description = "Names to look up, and record types (words such as MX are types).")
  List<String> words;

  @Mixin ResolverOptions resolver;

  @Mixin EncryptionOptions encryption;

  @Mixin EdnsOptions edns;

  @Mixin ProcessViewOptions processView;

  @Option(
      names = "--short",
      description = "Print only the answers' data, one per line (dig +short).")
  boolean shortOutput;

  /** The names and types of the command line, sorted out by {@link #validate}. */
  private final List<QueryName> names = new ArrayList<>();

  private final List<Integer> types = new ArrayList<>();

  @Override
  protected void validate() {
    String problem = resolver.validate();
    if (problem == null) {
      problem = encryption.validate(resolver.queryOptions.tcp, !resolver.servers.isEmpty());
    }
    if (problem == null) {
      problem = edns.validate(resolver.dnssec);
    }
    if (problem == null) {
      problem =
          processView.validate(
              !resolver.servers.isEmpty(),
              encryption.encrypted(),
              words.stream().anyMatch(RecordTypes::isType));
    }
    if (problem != null) {
      throw usageError(problem);
    }
    names.clear();
    types.clear();
    try {
      for (String w : words) {
        if (RecordTypes.isType(w)) {
          types.add(RecordTypes.parse(w));
        } else if (w.matches("(?i)ANY|AXFR|IXFR")) {
          RecordTypes.parse(w); // names the unknown type
        } else {
          names.add(QueryName.parse(w));
        }
      }
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
    if (names.isEmpty()) {
      throw usageError("no name to look up (only types given: " + String.join(" ", words) + ")");
    }
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    if (processView.active()) {
      return ProcessResolve.run(this, out, processView.pid, names);
    }
    DnsTransport transport = encryption.transport(host().clock(), out.reveal());
    try {
      return execute(out, transport);
    } finally {
      if (transport instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // closing connections after the answers: nothing left to report
        }
      }
    }
  }

  private ExitCode execute(Output out, DnsTransport transport) throws InterruptedException {
    List<InetSocketAddress> servers;
    if (encryption.https != null) {
      servers = List.of(encryption.httpsEndpoint(transport));
    } else {
      servers = resolver.serverAddresses(encryption.defaultPort());
      if (servers.isEmpty()) {
        servers = new ArrayList<>();
        for (InetSocketAddress s : StubResolver.systemServers()) {
          servers.add(new InetSocketAddress(s.getAddress(), encryption.defaultPort()));
        }
      }
    }
    if (servers.isEmpty()) {
      throw dev.stackscope.cli.CommandException.failure(
          "no resolver configured (no nameserver in /etc/resolv.conf); use --server IP");
    }
    Protocol protocol = encryption.protocol(resolver.queryOptions.protocol());
    QueryShape shape = edns.shape(resolver.dnssec);
    List<Integer> asked = types.isEmpty() ? List.of(Type.A, Type.AAAA) : types;
    if (resolver.servers.size() > 1) {
      List<ResolverComparison.Question> questions = new ArrayList<>();
      for (QueryName n : names) {
        for (int t : asked) {
          questions.add(new ResolverComparison.Question(n, t));
        }
      }
      List<StubResolver> stubs = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (InetSocketAddress s : servers) {
        stubs.add(resolver.resolver(transport, List.of(s), protocol, shape));
        labels.add(dev.stackscope.dns.ServerAddress.format(s));
      }
      List<ResolverComparison.Comparison> compared =
          ResolverComparison.compare(stubs, labels, questions);
      ExitCode code = ComparisonView.exitCode(compared);
      if (out.json()) {
        out.json(compared);
      } else {
        ComparisonView.render(out, compared);
      }
      for (ResolverComparison.Comparison c : compared) {
        List<Resolution> silent = new ArrayList<>();
        c.servers().forEach(a -> silent.add(a.resolution()));
        notes(out, silent.stream().filter(r -> !r.answered()).toList());
      }
      return code;
    }
    StubResolver stub = resolver.resolver(transport, servers, protocol, shape);
    List<Resolution> results = new ArrayList<>();
    for (QueryName n : names) {
      for (int t : asked) {
        results.add(stub.resolve(n, t));
      }
    }
    ExitCode code = exitCode(results); // decided before the text/JSON branch
    render(out, results);
    notes(out, results);
    return code;
  }

  java.nio.file.Path hostProc() {
    return host().proc();
  }

  /** This host's /etc (where its hosts file is). */
  /** The caller's environment (the client's, with the warm server). */
  java.util.Map<String, String> callerEnvironment() {
    return root().terminal().env();
  }

  java.nio.file.Path hostEtc() {
    return host().hostsFile().getParent();
  }

  private void render(Output out, List<Resolution> results) {
    if (out.json()) {
      out.json(results);
      return;
    }
    if (shortOutput) {
      for (Resolution r : results) {
        for (RecordData d : r.answer()) {
          out.value(d.data());
        }
      }
      return;
    }
    boolean first = true;
    for (Resolution r : results) {
      if (!first) {
        out.blank();
      }
      first = false;
      DnsViews.resolution(out, r);
      EncryptedViews.details(out, r, edns.asked());
      if (resolver.dnssec && r.answered()) {
        out.line(dnssecVerdict(r));
      }
    }
  }

  /**
   * What the resolver's reply says about DNSSEC with DO set: a validating resolver sets AD on data
   * it validated (RFC 4035 §3.2.3) and answers SERVFAIL for bogus data. This trusts the resolver
   * and the path to it; {@code dns trace --dnssec} validates on its own.
   */
  static Text dnssecVerdict(Resolution r) {
    Text t = Text.of("DNSSEC: ", Style.BOLD);
    if (r.flags().contains("ad")) {
      return t.add("secure", Style.GREEN).add(" (validated by the resolver: ad flag set)");
    }
    if ("SERVFAIL".equals(r.rcode())) {
      return t.add("unknown", Style.YELLOW)
          .add(
              " (SERVFAIL: a validating resolver gives it for bogus answers; "
                  + "'stackscope dns trace NAME --dnssec' shows the chain of trust)");
    }
    return t.add("not validated", Style.YELLOW)
        .add(" (no ad flag: the zone is unsigned, or the resolver does not validate)");
  }

  /** FAILURE when a query had no reply or an error rcode (NXDOMAIN too), else OK. */
  static ExitCode exitCode(List<Resolution> results) {
    for (Resolution r : results) {
      if (!r.answered() || !r.rcode().equals("NOERROR")) {
        return ExitCode.FAILURE;
      }
    }
    return ExitCode.OK;
  }

  /** One line on stderr for each query that failed. */
  static void notes(Output out, List<Resolution> results) {
    for (Resolution r : results) {
      if (!r.answered()) {
        out.note("no reply for " + r.name() + " " + r.type() + ": " + attempts(r));
      } else if (r.rcode().equals("NXDOMAIN")) {
        out.note(r.name() + " does not exist (NXDOMAIN)");
      } else if (!r.rcode().equals("NOERROR")) {
        out.note(r.name() + " " + r.type() + ": server answered " + r.rcode());
      }
    }
  }

  private static String attempts(Resolution r) {
    List<String> parts = new ArrayList<>();
    for (Resolution.Attempt a : r.attempts()) {
      parts.add(a.server() + " " + a.protocol() + " " + DnsViews.attempt(a));
    }
    return String.join("; ", parts);
  }
}
