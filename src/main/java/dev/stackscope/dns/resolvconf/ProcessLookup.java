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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
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
   * search list cost: the queries before the answering candidate and their time. {@code searchFrom}
   * says where the search list came from, {@code hostname} is the hostname whose domain glibc takes
   * when resolv.conf and LOCALDOMAIN give none (null when not needed or not read). {@code
   * rotateFirst} is the nameserver that {@code options rotate} chose at random to start at (null
   * without rotate, or with one nameserver).
   */
  public record Lookup(
      String name,
      List<String> sources,
      List<String> search,
      SearchFrom searchFrom,
      String hostname,
      int ndots,
      List<String> nameservers,
      int timeoutSeconds,
      int attempts,
      boolean rotate,
      String rotateFirst,
      Pairing pairing,
      List<Query> queries,
      String answeredBy,
      String answerName,
      List<String> addresses,
      int searchQueries,
      double searchMs,
      List<String> skippedSources) {}

  /**
   * How the C library sends a candidate's A and AAAA queries (resolv.conf options): together
   * (glibc's default, the pair costs the slower of the two), one after the other (single-request),
   * one after the other from a new socket (single-request-reopen), or A only (no-aaaa, glibc 2.36).
   */
  public enum Pairing {
    PARALLEL("A and AAAA in parallel"),
    SEQUENTIAL("A then AAAA (single-request)"),
    SEQUENTIAL_REOPEN("A then AAAA from a new socket (single-request-reopen)"),
    A_ONLY("no AAAA query (no-aaaa)");

    private final String words;

    Pairing(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Pairing of(ResolvConf conf, List<Integer> types) {
      if (conf.noAaaa() && types.contains(org.xbill.DNS.Type.AAAA)) {
        return A_ONLY;
      }
      return conf.singleRequestReopen()
          ? SEQUENTIAL_REOPEN
          : conf.singleRequest() ? SEQUENTIAL : PARALLEL;
    }
  }

  /**
   * How long glibc's send_dg waits for the replies from the server at {@code index} (0 first): the
   * timeout for the first server; for server n the timeout doubled n times and divided by the
   * number of servers (at least a second), in every round alike.
   */
  static Duration glibcTimeout(ResolvConf conf, int servers, int index) {
    long seconds = (long) conf.timeoutSeconds() << index;
    if (index > 0) {
      seconds /= Math.max(1, servers);
    }
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  /** Replies after which glibc asks the next server, and the next round. */
  private static final java.util.Set<String> RETRIED =
      java.util.Set.of("SERVFAIL", "REFUSED", "NOTIMP");

  private ProcessLookup() {}

  /**
   * The first server of {@code options rotate} as glibc chooses it: at random among {@code n} (its
   * nameserver_offset: random_bits() % nscount, once per process).
   */
  public static final IntUnaryOperator RANDOM_FIRST_SERVER =
      n -> ThreadLocalRandom.current().nextInt(n);

  /**
   * As {@link #run(String, List, View, DnsTransport, LongSupplier, IntUnaryOperator)}, at random.
   */
  public static Lookup run(
      String name, List<Integer> types, View view, DnsTransport transport, LongSupplier nanoClock) {
    return run(name, types, view, transport, nanoClock, RANDOM_FIRST_SERVER);
  }

  /**
   * @param firstServer with {@code options rotate} and more than one nameserver: given their
   *     number, the index of the one the first query starts at (glibc picks it at random once per
   *     process, then each query, one per candidate, starts at the next server); not asked
   *     otherwise
   */
  public static Lookup run(
      String name,
      List<Integer> types,
      View view,
      DnsTransport transport,
      LongSupplier nanoClock,
      IntUnaryOperator firstServer) {
    ResolvConf conf = view.conf();
    Pairing pairing = Pairing.of(conf, types);
    if (pairing == Pairing.A_ONLY) {
      types = types.stream().filter(t -> t != org.xbill.DNS.Type.AAAA).toList();
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String s : conf.nameservers()) {
      int pct = s.indexOf('%');
      servers.add(
          new InetSocketAddress(ServerAddress.literal(pct > 0 ? s.substring(0, pct) : s, s), 53));
    }
    QueryShape shape = new QueryShape(true, false, false, conf.edns0(), 1200, false, null, null);
    // glibc's nameserver_offset: with rotate (and more than one server) each res_send call, one
    // per candidate, starts one server further
    boolean rotating = conf.rotate() && servers.size() > 1;
    int offset =
        rotating ? Math.floorMod(firstServer.applyAsInt(servers.size()), servers.size()) : 0;
    String rotateFirst = rotating ? conf.nameservers().get(offset) : null;
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
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
              order.add((i + offset) % servers.size());
            }
            if (rotating) {
              offset = (offset + 1) % servers.size();
            }
            List<String> found = new ArrayList<>();
            boolean stop = false;
            double spent = 0;
            // glibc's res_send: attempts, then servers; a SERVFAIL, REFUSED or NOTIMP reply or a
            // timeout moves on to the next server (and round), any other reply is final
            List<Integer> pending = new ArrayList<>(types);
            Map<Integer, Resolution> last = new HashMap<>();
            for (int attempt = 0; attempt < conf.attempts() && !pending.isEmpty(); attempt++) {
              for (int server : order) {
                StubResolver.Settings settings =
                    new StubResolver.Settings(
                        List.of(servers.get(server)),
                        Protocol.UDP,
                        glibcTimeout(conf, servers.size(), server),
                        1,
                        shape);
                double pair = 0;
                List<Integer> asked = List.copyOf(pending);
                List<PairSender.Sent> sent =
                    PairSender.send(
                        transport, settings, q, asked, pairing == Pairing.PARALLEL, nanoClock);
                for (int i = 0; i < asked.size(); i++) {
                  int type = asked.get(i);
                  Resolution r = sent.get(i).resolution();
                  double waited = sent.get(i).waitedMs();
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
                  // a query without a reply cost the wait for it
                  double t = r.rttMs() == null ? waited : r.rttMs();
                  // sent together, the pair costs its slower query; one after the other, both
                  pair = pairing == Pairing.PARALLEL ? Math.max(pair, t) : pair + t;
                  if (r.answered() && !RETRIED.contains(r.rcode())) {
                    pending.remove(Integer.valueOf(type));
                    data.forEach(d -> found.add(d.data()));
                  }
                }
                spent += pair;
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
        conf.searchFrom(),
        conf.hostname(),
        conf.ndots(),
        conf.nameservers(),
        conf.timeoutSeconds(),
        conf.attempts(),
        conf.rotate(),
        rotateFirst,
        pairing,
        List.copyOf(queries),
        answeredBy,
        answerName,
        addresses,
        searchQueries,
        searchMs,
        List.copyOf(skipped));
  }
}
