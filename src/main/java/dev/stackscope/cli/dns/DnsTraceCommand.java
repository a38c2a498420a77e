package dev.stackscope.cli.dns;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.cli.PortConverter;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RecordTypes;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.Trace;
import dev.stackscope.dns.TracePriming;
import dev.stackscope.dns.TraceStep;
import dev.stackscope.dns.Tracer;
import dev.stackscope.dns.TrustAnchors;
import dev.stackscope.dns.Validation;
import dev.stackscope.output.Output;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Type;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope dns trace NAME [TYPE]}: iterative resolution from the root, step by step. */
@Command(
    name = "trace",
    description = {
      "Resolve a name iteratively from the root servers, without any recursive resolver, "
          + "showing every query: zone, server, outcome, round-trip time and size.",
      "Glueless nameservers are found by nested traces; a CNAME leaving the zone restarts "
          + "from the root.",
      "With --server (or --https URL) the root servers are asked of that resolver first, as "
          + "dig +trace @server does, over DoT with --tls or DoH with --https; the root and "
          + "authoritative servers are then asked directly, over plain DNS.",
      "Exit 1 on NXDOMAIN, when the trace fails (every server of a zone failed, a glueless "
          + "cycle, or a limit: 11 CNAMEs, nesting depth 7, 64 nameserver lookups, 200 queries, "
          + "2 minutes), or when --dnssec finds the answer bogus."
    })
public final class DnsTraceCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The name to trace.")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "TYPE",
      defaultValue = "A",
      description = "Record type (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(
      names = "--root-hints",
      paramLabel = "FILE",
      description = "Root hints zone file (named.root format) instead of the built-in IANA hints.")
  Path rootHints;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "53",
      converter = PortConverter.class,
      description = "Send every query to this port (private test hierarchies; default: 53).")
  int port;

  @Mixin QueryOptions queryOptions;

  @Option(
      names = {"-s", "--server"},
      paramLabel = "IP[:PORT]",
      description =
          "Learn the root servers from this resolver (its answer to '. NS') instead of the root "
              + "hints; with --tls or --https only these queries are encrypted.")
  String server;

  @Mixin EncryptionOptions encryption;

  @Option(
      names = "--tries",
      paramLabel = "N",
      defaultValue = "1",
      description = "Queries per server address before the next (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(
      names = "--dnssec",
      description =
          "Set the DO bit, show DS/DNSKEY/RRSIG and validate the chain of trust from the root "
              + "KSKs (or --trust-anchor): each step secure, insecure, bogus or indeterminate.")
  boolean dnssec;

  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description =
          "DS or DNSKEY records (zone file format) to validate from instead of the root KSKs; "
              + "implies --dnssec.")
  Path trustAnchor;

  @Option(
      names = "--hedge",
      paramLabel = "DURATION",
      defaultValue = "376ms",
      converter = DurationOption.Millis.class,
      description =
          "Ask a zone's next server in parallel when a server has not replied within DURATION "
              + "(a bare number is milliseconds; default: ${DEFAULT-VALUE}, Unbound's first timeout "
              + "for a server it does not know; then adapted to each server's round-trip times); "
              + "0: one server at a time.")
  Duration hedge;

  @Option(names = "--short", description = "Print only the final answer's data (dig +short).")
  boolean shortOutput;

  @ArgGroup(exclusive = true)
  FamilyChoice family;

  static final class FamilyChoice {
    @Option(names = "-4", description = "Ask only IPv4 addresses of servers.")
    boolean v4;

    @Option(names = "-6", description = "Ask only IPv6 addresses of servers.")
    boolean v6;
  }

  @Override
  protected void validate() {
    String problem = queryOptions.validate();
    if (problem == null) {
      problem = QueryOptions.validateTries(tries);
    }
    if (problem == null && (hedge.isNegative() || hedge.compareTo(QueryOptions.MAX_TIMEOUT) > 0)) {
      problem = "--hedge must be 0 (off) to " + QueryOptions.MAX_TIMEOUT_MS + " ms";
    }
    if (problem == null) {
      problem = encryption.validate(queryOptions.tcp, server != null);
    }
    if (problem == null && encryption.tls && server == null) {
      problem =
          "--tls needs --server: a trace asks the root and authoritative servers, which speak "
              + "plain DNS only (no DoT); with --server only the resolver is asked over TLS, for "
              + "the root servers";
    }
    if (problem == null && rootHints != null && primed()) {
      problem =
          "--root-hints and --" + (server != null ? "server" : "https") + " exclude each other";
    }
    if (problem != null) {
      throw usageError(problem);
    }
    try {
      if (server != null) {
        ServerAddress.parse(server, encryption.defaultPort());
      }
      QueryName.parse(name);
      RecordTypes.parse(type);
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
  }

  @Override
  protected ExitCode execute(Output out) {
    QueryName query = QueryName.parse(name);
    int qtype = RecordTypes.parse(type);
    List<NameServer> roots;
    List<org.xbill.DNS.Record> anchors;
    try {
      roots =
          rootHints == null
              ? RootHints.builtIn()
              : RootHints.parse(
                  InputFiles.readText(rootHints, "root hints", RootHints.MAX_FILE_BYTES));
      anchors =
          trustAnchor == null
              ? null
              : TrustAnchors.parse(
                  InputFiles.readText(trustAnchor, "trust anchors", TrustAnchors.MAX_FILE_BYTES));
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
    Tracer.Family fam =
        family == null ? Tracer.Family.ANY : family.v6 ? Tracer.Family.V6 : Tracer.Family.V4;
    List<TraceStep> priming = List.of();
    if (primed()) {
      TracePriming.Primed p = prime(fam);
      roots = p.roots();
      priming = p.steps();
    }
    Tracer tracer =
        new Tracer(
            new SocketTransport(),
            new Tracer.Settings(
                roots,
                port,
                queryOptions.protocol(),
                queryOptions.timeout(),
                tries,
                fam,
                dnssec || trustAnchor != null,
                anchors,
                host().clock(),
                hedge));
    Trace trace;
    try (TraceProgressLine progress = TraceProgressLine.forRun(out, root().terminal())) {
      trace = tracer.withProgress(progress).trace(query, qtype).after(priming);
    }
    boolean bogus =
        trace.dnssec() != null && Validation.Status.BOGUS.equals(trace.dnssec().status());
    // decided before the text/JSON branch: --json never changes the exit code
    ExitCode code =
        bogus || trace.result() == Trace.Result.NXDOMAIN || trace.result() == Trace.Result.FAILED
            ? ExitCode.FAILURE
            : ExitCode.OK;
    if (out.json()) {
      out.json(trace, TraceWords::json);
    } else if (shortOutput) {
      trace.answer().forEach(r -> out.value(r.data()));
    } else {
      TraceView.render(out, trace);
    }
    if (bogus) {
      out.note("DNSSEC validation failed: " + TraceWords.reason(trace.dnssec().reason()));
    } else if (trace.result() == Trace.Result.NXDOMAIN) {
      out.note(trace.name() + " does not exist (NXDOMAIN)");
    } else if (trace.result() == Trace.Result.FAILED) {
      out.note(
          "trace of "
              + trace.name()
              + " "
              + Type.string(qtype)
              + " failed: "
              + TraceWords.failure(trace.error()));
    }
    return code;
  }

  /** Whether the root servers come from a resolver (--server, or --https's URL). */
  private boolean primed() {
    return server != null || encryption.https != null;
  }

  /** The root servers as the resolver knows them, over --tls or --https when asked. */
  private TracePriming.Primed prime(Tracer.Family fam) {
    DnsTransport transport = encryption.transport(host().clock(), global().reveal());
    String asked = encryption.https != null ? encryption.shownUrl(global().reveal()) : server;
    try {
      InetSocketAddress resolver =
          encryption.https != null
              ? encryption.httpsEndpoint(transport)
              : ServerAddress.parse(server, encryption.defaultPort());
      return TracePriming.ask(
          transport,
          resolver,
          encryption.protocol(queryOptions.protocol()),
          queryOptions.timeout(),
          fam);
    } catch (java.net.SocketTimeoutException e) {
      throw CommandException.failure(
          "the root servers could not be learnt from "
              + asked
              + ": no reply within "
              + queryOptions.timeout().toMillis()
              + " ms");
    } catch (IOException e) {
      throw CommandException.failure(
          "the root servers could not be learnt from " + asked + ": " + e.getMessage());
    } finally {
      if (transport instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // the resolver's connection is no longer needed: nothing left to report
        }
      }
    }
  }
}
