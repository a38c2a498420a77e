package dev.stackscope.stack;

import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Resolution.Attempt;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.StubResolver;
import dev.stackscope.dns.Trace;
import dev.stackscope.dns.TraceStep;
import dev.stackscope.dns.Tracer;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.stack.Explanation.Method;
import dev.stackscope.stack.Explanation.Outcome;
import dev.stackscope.stack.Explanation.Resolution;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.Type;

/**
 * Turns a host name into addresses the way the system resolver does: the hosts file first, then DNS
 * (A and AAAA) through a stub resolver, or, for {@code --trace}, iteratively from the root.
 */
public final class HostLookup implements Explainer.Resolver {
  private final Path hostsFile;
  private final HostsFile hosts;
  private final StubResolver stub;
  private final Tracer tracer;

  /**
   * @param hostsFile where {@code hosts} was read from (shown as the source of its answers)
   * @param hosts consulted first; null skips it (as {@code --trace} does, which asks DNS only)
   * @param stub asks recursive resolvers; used when {@code tracer} is null
   * @param tracer traces from the root instead, or null
   */
  public HostLookup(Path hostsFile, HostsFile hosts, StubResolver stub, Tracer tracer) {
    this.hostsFile = hostsFile;
    this.hosts = hosts;
    this.stub = stub;
    this.tracer = tracer;
  }

  @Override
  public Resolution resolve(String host) {
    if (hosts != null) {
      List<InetAddress> listed = hosts.lookup(host);
      if (!listed.isEmpty()) {
        return new Resolution(
            Method.HOSTS_FILE,
            hostsFile.toString(),
            Outcome.ANSWER,
            null,
            null,
            texts(listed),
            List.of(),
            List.of(),
            List.of());
      }
    }
    QueryName name = QueryName.parse(host);
    return tracer != null ? trace(name) : ask(name);
  }

  private Resolution ask(QueryName name) {
    List<dev.stackscope.dns.Resolution> queries = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      dev.stackscope.dns.Resolution r = stub.resolve(name, type);
      queries.add(r);
      if ("NXDOMAIN".equals(r.rcode()) || !r.answered()) {
        break; // the name does not exist, or nobody answers: AAAA would fare no better
      }
    }
    List<RecordData> records =
        merge(queries.stream().map(dev.stackscope.dns.Resolution::answer).toList());
    List<String> addresses = addresses(records);
    String server =
        queries.stream()
            .filter(dev.stackscope.dns.Resolution::answered)
            .map(dev.stackscope.dns.Resolution::server)
            .findFirst()
            .orElse(null);
    String source =
        stub.servers().stream().map(ServerAddress::format).collect(Collectors.joining(", "));
    Outcome outcome = outcome(queries, addresses);
    return new Resolution(
        Method.DNS,
        source.isEmpty() ? null : source,
        outcome,
        error(queries, outcome),
        server,
        addresses,
        records,
        List.copyOf(queries),
        List.of());
  }

  private static Outcome outcome(
      List<dev.stackscope.dns.Resolution> queries, List<String> addresses) {
    if (!addresses.isEmpty()) {
      return Outcome.ANSWER;
    }
    for (dev.stackscope.dns.Resolution r : queries) {
      if (!r.answered()) {
        if (r.attempts().isEmpty()) {
          return Outcome.NO_SERVER;
        }
        boolean allTimedOut =
            r.attempts().stream().allMatch(a -> a.outcome() == Attempt.Outcome.TIMEOUT);
        return allTimedOut ? Outcome.TIMEOUT : Outcome.NO_REPLY;
      }
      if (!"NOERROR".equals(r.rcode())) {
        return Outcome.ofRcode(r.rcode());
      }
    }
    return Outcome.NODATA;
  }

  /** The detail {@link Resolution#error} holds for this outcome, or null. */
  private static String error(List<dev.stackscope.dns.Resolution> queries, Outcome outcome) {
    for (dev.stackscope.dns.Resolution r : queries) {
      if (outcome == Outcome.RCODE && r.answered() && !"NOERROR".equals(r.rcode())) {
        return r.rcode();
      }
      if (outcome == Outcome.NO_REPLY && !r.answered()) {
        return r.attempts().stream()
            .filter(a -> a.outcome() != Attempt.Outcome.TIMEOUT)
            .map(a -> a.error() == null ? a.outcome().toString() : a.error())
            .findFirst()
            .orElse(null);
      }
    }
    return null;
  }

  private Resolution trace(QueryName name) {
    List<Trace> traces = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Trace t = tracer.trace(name, type);
      traces.add(t);
      if (t.result() != Trace.Result.ANSWER && t.result() != Trace.Result.NODATA) {
        break;
      }
    }
    List<RecordData> records = merge(traces.stream().map(Trace::answer).toList());
    List<String> addresses = addresses(records);
    Outcome outcome = Outcome.ANSWER;
    if (addresses.isEmpty()) {
      Trace last = traces.get(traces.size() - 1);
      outcome =
          switch (last.result()) {
            case NXDOMAIN -> Outcome.NXDOMAIN;
            case FAILED -> Outcome.FAILED;
            default -> Outcome.NODATA; // an answer without an address: a CNAME chain to nothing
          };
    }
    String server = null;
    for (Trace t : traces) {
      for (TraceStep s : t.steps()) {
        if (s.outcome() == TraceStep.Outcome.ANSWER && server == null) {
          server = s.server().name() + " " + s.server().address();
        }
      }
    }
    return new Resolution(
        Method.TRACE,
        null,
        outcome,
        null, // a failed trace says why in its own error, the last of traces
        server,
        addresses,
        records,
        List.of(),
        List.copyOf(traces));
  }

  /** The answers of both queries, the CNAME chain once. */
  private static List<RecordData> merge(List<List<RecordData>> answers) {
    Set<RecordData> all = new LinkedHashSet<>();
    answers.forEach(all::addAll);
    return List.copyOf(all);
  }

  private static List<String> addresses(List<RecordData> records) {
    return records.stream()
        .filter(r -> r.type().equals("A") || r.type().equals("AAAA"))
        .map(r -> AddressParser.parse(r.data()).unmapped().toString())
        .distinct()
        .toList();
  }

  private static List<String> texts(List<InetAddress> addresses) {
    return addresses.stream().map(Explainer::text).toList();
  }
}
