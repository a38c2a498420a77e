package dev.stackscope.dns.resolvconf;

import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.QueryShape;
import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.RecordTypes;
import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.StubResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Looks a name up as a process's C library would (getaddrinfo, glibc): the nsswitch hosts sources
 * in order, the hosts file, then the search list and ndots of its resolv.conf, each candidate asked
 * every type (A and AAAA, as getaddrinfo with AF_UNSPEC), stopping at the first candidate that has
 * addresses. Every query is kept, in order, with its outcome and time.
 */
public final class ProcessLookup {
  /** What the process sees: its files, already read. */
  public record View(ResolvConf conf, HostsFile hosts, List<String> nssHosts) {}

  /** One query the C library would send. */
  public record Query(
      String name, String type, String server, String outcome, Double rttMs, int answers) {}

  /**
   * The lookup: the sources and settings used, every query in order, who answered ({@code files},
   * {@code dns}, or null when nothing did), the name that did and its addresses, and what the
   * search list cost: the queries before the answering candidate and their time.
   */
  public record Lookup(
      String name,
      List<String> sources,
      List<String> search,
      int ndots,
      List<String> nameservers,
      int timeoutSeconds,
      int attempts,
      boolean rotate,
      List<Query> queries,
      String answeredBy,
      String answerName,
      List<String> addresses,
      int searchQueries,
      double searchMs,
      List<String> skippedSources) {}

  /** Replies after which glibc asks the next server, and the next round. */
  private static final java.util.Set<String> RETRIED =
      java.util.Set.of("SERVFAIL", "REFUSED", "NOTIMP");

  private ProcessLookup() {}

  public static Lookup run(
      String name, List<Integer> types, View view, DnsTransport transport, LongSupplier nanoClock) {
    ResolvConf conf = view.conf();
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String s : conf.nameservers()) {
      int pct = s.indexOf('%');
      servers.add(
          new InetSocketAddress(ServerAddress.literal(pct > 0 ? s.substring(0, pct) : s, s), 53));
    }
    QueryShape shape = new QueryShape(true, false, false, conf.edns0(), 1200, false, null, null);
    List<StubResolver> stubs = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      stubs.add(
          new StubResolver(
              transport,
              new StubResolver.Settings(
                  List.of(server),
                  Protocol.UDP,
                  Duration.ofSeconds(conf.timeoutSeconds()),
                  1,
                  shape)));
    }
    List<Query> queries = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String answeredBy = null;
    String answerName = null;
    List<String> addresses = List.of();
    int searchQueries = 0;
    double searchMs = 0;
    sources:
    for (String source : view.nssHosts()) {
      switch (source) {
        case "files" -> {
          List<String> found = view.hosts().lookup(name);
          if (!found.isEmpty()) {
            answeredBy = "files";
            answerName = name;
            addresses = found;
            break sources;
          }
        }
        case "dns" -> {
          int before = queries.size();
          for (String candidate : SearchPlan.candidates(name, conf)) {
            QueryName q;
            try {
              q = QueryName.parse(candidate);
            } catch (DnsInputException e) {
              continue; // a search domain that makes the name too long: glibc skips it too
            }
            List<String> found = new ArrayList<>();
            boolean stop = false;
            double spent = 0;
            // glibc's res_send: attempts, then servers; a SERVFAIL, REFUSED or NOTIMP reply or a
            // timeout moves on to the next server (and round), any other reply is final
            List<Integer> pending = new ArrayList<>(types);
            Map<Integer, Resolution> last = new HashMap<>();
            for (int attempt = 0; attempt < conf.attempts() && !pending.isEmpty(); attempt++) {
              for (StubResolver stub : stubs) {
                for (int type : List.copyOf(pending)) {
                  Resolution r = stub.resolve(q, type);
                  last.put(type, r);
                  List<RecordData> data =
                      r.answer().stream()
                          .filter(d -> d.type().equals(RecordTypes.name(type)))
                          .toList();
                  queries.add(
                      new Query(
                          candidate,
                          RecordTypes.name(type),
                          r.server() != null
                              ? r.server()
                              : r.attempts().isEmpty() ? null : r.attempts().get(0).server(),
                          r.answered() ? r.rcode() : DnsOutcome.noReply(r),
                          r.rttMs(),
                          data.size()));
                  spent += r.rttMs() == null ? 0 : r.rttMs();
                  if (r.answered() && !RETRIED.contains(r.rcode())) {
                    pending.remove(Integer.valueOf(type));
                    data.forEach(d -> found.add(d.data()));
                  }
                }
                if (pending.isEmpty()) {
                  break;
                }
              }
            }
            // glibc goes on after NXDOMAIN, NODATA and SERVFAIL; no reply at all ends the search
            for (Resolution r : last.values()) {
              if (!r.answered()) {
                stop = true;
              }
            }
            if (!found.isEmpty()) {
              answeredBy = "dns";
              answerName = candidate;
              addresses = List.copyOf(found);
              break sources;
            }
            searchQueries = queries.size() - before;
            searchMs += spent;
            if (stop) {
              break;
            }
          }
        }
        default -> skipped.add(source);
      }
    }
    if (answeredBy == null) {
      searchQueries = queries.size();
    }
    return new Lookup(
        name,
        view.nssHosts(),
        conf.search(),
        conf.ndots(),
        conf.nameservers(),
        conf.timeoutSeconds(),
        conf.attempts(),
        conf.rotate(),
        List.copyOf(queries),
        answeredBy,
        answerName,
        addresses,
        searchQueries,
        searchMs,
        List.copyOf(skipped));
  }
}
