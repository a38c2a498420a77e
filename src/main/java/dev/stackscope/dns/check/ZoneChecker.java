package dev.stackscope.dns.check;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.Queries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code dns check ZONE}: finds the zone's parent by referrals from the root hints, then asks every
 * nameserver address of the zone (from the delegation and from the zone's own NS set) directly and
 * in parallel, and hands what it heard to {@link ZoneAnalysis}. No recursive resolver is used.
 */
public final class ZoneChecker {
  /** Nameserver names considered (parent and child together): real zones have 2 to 13. */
  public static final int MAX_NAMES = 16;

  /** Server addresses asked. */
  public static final int MAX_ADDRESSES = 32;

  /** Queries in flight at once. */
  static final int THREADS = 48;

  /** The label of the name asked to see the zone's denial of existence. */
  static final String NX_LABEL = "stackscope-check-nx";

  /**
   * @param roots where the walk to the parent starts (root hints, or the --server addresses)
   * @param port the port every query goes to
   * @param timeout the wait for each reply
   */
  public record Settings(List<NameServer> roots, int port, Duration timeout, Clock clock) {}

  /** The stages a check goes through, for a progress line. */
  public enum Stage {
    DELEGATION,
    NAMESERVERS,
    PROBES
  }

  /** Told when a stage starts and as its queries end (from several threads). */
  public interface Progress {
    void update(Stage stage, int done, int total);

    Progress NONE = (stage, done, total) -> {};
  }

  private final DnsTransport transport;
  private final Settings settings;
  private final int threads;

  public ZoneChecker(DnsTransport transport, Settings settings) {
    this(transport, settings, THREADS);
  }

  /**
   * With {@code threads} 1 the queries go out one at a time in a fixed order (a fuzz target's
   * transport answers from one stream of data): every task waits only for tasks queued before it.
   */
  ZoneChecker(DnsTransport transport, Settings settings, int threads) {
    this.transport = transport;
    this.settings = settings;
    this.threads = threads;
  }

  public ZoneHealth check(Name zone, Progress progress) throws InterruptedException {
    Asker asker = new Asker(transport, settings.timeout());
    DelegationWalk walk = new DelegationWalk(asker, settings.roots(), settings.port());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dns-check");
              t.setDaemon(true);
              return t;
            });
    try {
      return check(zone, asker, walk, new Parallel(pool), progress);
    } finally {
      pool.shutdownNow();
    }
  }

  private ZoneHealth check(
      Name zone, Asker asker, DelegationWalk walk, Parallel parallel, Progress progress)
      throws InterruptedException {
    progress.update(Stage.DELEGATION, 0, 1);
    Name parent = null;
    List<InetSocketAddress> parentServers = List.of();
    Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
    Long nsTtl = null;
    if (zone.equals(Name.root)) {
      for (NameServer ns : settings.roots()) {
        glue.put(ns.name(), ns.addresses());
      }
    } else {
      DelegationWalk.Walk w = walk.toDelegation(zone);
      parent = w.zone();
      parentServers = w.servers();
      Message m = w.reply();
      int section = Section.AUTHORITY;
      if (w.end() == DelegationWalk.End.ANSWER
          && m.getHeader().getFlag(Flags.AA)
          && !DelegationWalk.nsNames(m, Section.ANSWER, zone).isEmpty()) {
        section = Section.ANSWER; // the parent's server serves the zone too: no referral to see
      } else if (w.end() != DelegationWalk.End.DELEGATED) {
        FindingCode code =
            w.end() == DelegationWalk.End.NO_REPLY
                ? FindingCode.PARENT_NO_REPLY
                : FindingCode.NOT_DELEGATED;
        return ZoneAnalysis.failed(zone, parent, parentServers, code, asker.queries());
      }
      for (Name n : DelegationWalk.nsNames(m, section, zone)) {
        glue.put(n, DelegationWalk.addressRecords(m, Section.ADDITIONAL, Set.of(n)));
      }
      for (Record r : Queries.section(m, section)) {
        if (r instanceof NSRecord && r.getName().equals(zone)) {
          nsTtl = r.getTTL();
        }
      }
    }
    trim(glue, MAX_NAMES);
    final List<InetSocketAddress> parentsAsked = parentServers;
    Future<Message> ds =
        parent == null ? null : parallel.submit(() -> askAny(asker, parentsAsked, zone, Type.DS));

    // the nameservers: addresses from the parent, then the zone's own NS set from each of them
    progress.update(Stage.NAMESERVERS, 0, 1);
    Map<Name, List<InetAddress>> own = new LinkedHashMap<>();
    resolveOutOfZone(zone, glue.keySet(), walk, parallel, own);
    Map<InetAddress, Set<Name>> addresses = new LinkedHashMap<>();
    glue.forEach((n, list) -> list.forEach(a -> addTo(addresses, a, n)));
    own.forEach((n, list) -> list.forEach(a -> addTo(addresses, a, n)));
    Map<InetAddress, Future<Asker.Answer>> nsAnswers = new LinkedHashMap<>();
    for (InetAddress a : addresses.keySet()) {
      nsAnswers.put(a, parallel.submit(() -> asker.ask(socket(a), zone, Type.NS, true)));
    }
    // the delegation's in-zone names' A/AAAA asked alongside: one round trip less
    List<InetSocketAddress> delegated = addresses.keySet().stream().map(this::socket).toList();
    Map<Name, List<Future<List<InetAddress>>>> early =
        submitInZone(zone, glue.keySet(), asker, delegated, parallel);
    Set<Name> names = new LinkedHashSet<>(glue.keySet());
    List<InetSocketAddress> authoritative = new ArrayList<>();
    for (Map.Entry<InetAddress, Future<Asker.Answer>> e : nsAnswers.entrySet()) {
      Asker.Answer a = Parallel.get(e.getValue());
      if (a.replied() && a.reply().getHeader().getFlag(Flags.AA)) {
        names.addAll(DelegationWalk.nsNames(a.reply(), Section.ANSWER, zone));
        authoritative.add(a.server());
      }
    }
    List<Name> allNames = new ArrayList<>(names).subList(0, Math.min(names.size(), MAX_NAMES));
    resolveOutOfZone(zone, allNames, walk, parallel, own);
    collectInZone(early, own);
    List<Name> later = allNames.stream().filter(n -> !own.containsKey(n)).toList();
    collectInZone(submitInZone(zone, later, asker, authoritative, parallel), own);
    own.forEach((n, list) -> list.forEach(a -> addTo(addresses, a, n)));

    // every address, every question, all at once
    List<InetAddress> asked =
        new ArrayList<>(addresses.keySet()).subList(0, Math.min(addresses.size(), MAX_ADDRESSES));
    Name nx = nxName(zone);
    AtomicInteger done = new AtomicInteger();
    int total = asked.size();
    progress.update(Stage.PROBES, 0, total);
    List<Future<Observations.Probe>> probes = new ArrayList<>();
    for (InetAddress a : asked) {
      Future<Asker.Answer> earlier = nsAnswers.get(a);
      List<Name> of = List.copyOf(addresses.get(a));
      InetSocketAddress s = socket(a);
      Future<Asker.Answer> soa = parallel.submit(() -> asker.ask(s, zone, Type.SOA, true));
      Future<Asker.Answer> ns =
          earlier != null ? earlier : parallel.submit(() -> asker.ask(s, zone, Type.NS, true));
      Future<Asker.Answer> tcp =
          parallel.submit(() -> asker.ask(s, zone, Type.SOA, false, false, Protocol.TCP, false));
      Future<Asker.Answer> rec =
          parallel.submit(() -> asker.ask(s, Name.root, Type.NS, true, false, Protocol.UDP, true));
      Future<Asker.Answer> keys = parallel.submit(() -> asker.ask(s, zone, Type.DNSKEY, true));
      Future<Asker.Answer> denial = parallel.submit(() -> asker.ask(s, nx, Type.A, true));
      probes.add(
          parallel.submit(
              () -> {
                Observations.Probe p =
                    new Observations.Probe(
                        s, of, soa.get(), ns.get(), tcp.get(), rec.get(), keys.get(), denial.get());
                progress.update(Stage.PROBES, done.incrementAndGet(), total);
                return p;
              }));
    }
    List<Observations.Probe> heard = new ArrayList<>();
    for (Future<Observations.Probe> f : probes) {
      heard.add(Parallel.get(f));
    }
    Message dsReply = ds == null ? null : Parallel.get(ds);
    Map<Name, List<InetAddress>> ownOfNames = new LinkedHashMap<>();
    for (Name n : allNames) {
      ownOfNames.put(n, own.getOrDefault(n, List.of()));
    }
    Observations o =
        new Observations(
            zone,
            parent,
            settings.clock().instant(),
            parentServers,
            glue,
            nsTtl,
            dsReply,
            ownOfNames,
            heard);
    return ZoneAnalysis.analyse(o, asker.queries());
  }

  private InetSocketAddress socket(InetAddress a) {
    return new InetSocketAddress(a, settings.port());
  }

  /** Out-of-zone names' addresses by walks from the root, in parallel. */
  private static void resolveOutOfZone(
      Name zone,
      java.util.Collection<Name> names,
      DelegationWalk walk,
      Parallel parallel,
      Map<Name, List<InetAddress>> own)
      throws InterruptedException {
    Map<Name, Future<List<InetAddress>>> pending = new LinkedHashMap<>();
    for (Name n : names) {
      if (!n.subdomain(zone) && !own.containsKey(n)) {
        pending.put(n, parallel.submit(() -> walk.addresses(n)));
      }
    }
    for (Map.Entry<Name, Future<List<InetAddress>>> e : pending.entrySet()) {
      own.put(e.getKey(), Parallel.get(e.getValue()));
    }
  }

  /**
   * In-zone names' A and AAAA, each asked of the first of {@code servers} that answers it
   * authoritatively: one query per name and type when all is well.
   */
  private static Map<Name, List<Future<List<InetAddress>>>> submitInZone(
      Name zone,
      java.util.Collection<Name> names,
      Asker asker,
      List<InetSocketAddress> servers,
      Parallel parallel) {
    Map<Name, List<Future<List<InetAddress>>>> pending = new LinkedHashMap<>();
    for (Name n : names) {
      if (n.subdomain(zone)) {
        List<Future<List<InetAddress>>> list = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
          list.add(parallel.submit(() -> addressesFromFirst(asker, servers, n, type)));
        }
        pending.put(n, list);
      }
    }
    return pending;
  }

  private static void collectInZone(
      Map<Name, List<Future<List<InetAddress>>>> pending, Map<Name, List<InetAddress>> own)
      throws InterruptedException {
    for (Map.Entry<Name, List<Future<List<InetAddress>>>> e : pending.entrySet()) {
      Set<InetAddress> found = new LinkedHashSet<>();
      for (Future<List<InetAddress>> f : e.getValue()) {
        found.addAll(Parallel.get(f));
      }
      own.put(e.getKey(), List.copyOf(found));
    }
  }

  private static List<InetAddress> addressesFromFirst(
      Asker asker, List<InetSocketAddress> servers, Name name, int type) {
    for (InetSocketAddress s : servers) {
      Asker.Answer a = asker.ask(s, name, type, false);
      if (a.replied()
          && a.reply().getHeader().getFlag(Flags.AA)
          && (a.reply().getRcode() == Rcode.NOERROR || a.reply().getRcode() == Rcode.NXDOMAIN)) {
        return DelegationWalk.addressRecords(a.reply(), Section.ANSWER, Set.of(name));
      }
      if (a.failure() == Asker.Failure.LIMIT) {
        break;
      }
    }
    return List.of();
  }

  private static Message askAny(Asker asker, List<InetSocketAddress> servers, Name zone, int type) {
    for (InetSocketAddress s : servers) {
      Asker.Answer a = asker.ask(s, zone, type, true);
      if (a.replied()) {
        return a.reply();
      }
    }
    return null;
  }

  private static void addTo(Map<InetAddress, Set<Name>> map, InetAddress a, Name n) {
    map.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(n);
  }

  private static void trim(Map<Name, List<InetAddress>> map, int max) {
    while (map.size() > max) {
      Name last = null;
      for (Name n : map.keySet()) {
        last = n;
      }
      map.remove(last);
    }
  }

  private static Name nxName(Name zone) {
    try {
      return Name.concatenate(Name.fromString(NX_LABEL), zone);
    } catch (org.xbill.DNS.NameTooLongException e) {
      return zone; // a zone name too long for one more label: the denial check asks the apex
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The check's thread pool, with the waits that are not interrupted by a task's failure. */
  private record Parallel(ExecutorService pool) {
    <T> Future<T> submit(Callable<T> task) {
      return pool.submit(task);
    }

    static <T> T get(Future<T> f) throws InterruptedException {
      try {
        return f.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }
}
