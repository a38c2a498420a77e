package dev.stackscope.dns;

import static dev.stackscope.dns.ReplyClassifier.classify;

import dev.stackscope.dns.ReplyClassifier.Kind;
import dev.stackscope.dns.ReplyClassifier.Reply;
import dev.stackscope.dns.TraceFailure.ServerFailure;
import dev.stackscope.ip.IpAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Iterative resolution from the root, without any recursive resolver, recording every query.
 *
 * <p>Follows referrals down the tree; believes only records inside the bailiwick of the zone whose
 * server sent them (Unbound's scrubber); finds glueless nameservers' addresses with nested traces
 * that start at the closest delegation already seen; restarts from the root when a CNAME leaves the
 * zone; falls over to the zone's other servers on timeouts and lame replies, and asks the next
 * server in parallel when one stays silent past its hedge delay; retries truncated replies over
 * TCP. Runaways end with the limits of the mature resolvers.
 */
public final class Tracer {
  /** Unbound's and BIND's limit on CNAME restarts. */
  public static final int MAX_CNAME_RESTARTS = 11;

  /** BIND's limit on nested nameserver lookups. */
  public static final int MAX_DEPTH = 7;

  /** BIND's max-recursion-queries: queries for one resolution, nested ones included. */
  public static final int MAX_QUERIES = 200;

  /**
   * Unbound's MAX_TARGET_COUNT: lookups of nameserver addresses for one resolution, nested ones
   * included, whether they send a query or are answered from what the trace already knows.
   */
  public static final int MAX_LOOKUPS = 64;

  /**
   * How long one trace may take, nested lookups included: with at most 200 queries of at most a
   * minute each, the query limit alone would allow hours. The trace ends when it is reached; no
   * query waits past it.
   */
  public static final Duration MAX_TRACE_TIME = Duration.ofMinutes(2);

  /**
   * How long a server not heard from yet may stay silent before the zone's next server is asked in
   * parallel: Unbound's first retransmit timeout for an unknown server (UNKNOWN_SERVER_NICENESS).
   */
  public static final Duration DEFAULT_HEDGE = Duration.ofMillis(376);

  /** Which address family of servers to ask. */
  public enum Family {
    ANY,
    V4,
    V6;

    /** The address record types asked for servers of this family, A first. */
    int[] addressTypes() {
      return switch (this) {
        case V4 -> new int[] {Type.A};
        case V6 -> new int[] {Type.AAAA};
        case ANY -> new int[] {Type.A, Type.AAAA};
      };
    }
  }

  /**
   * How to trace: where to start, which port and protocol, timeout, tries per server address; with
   * {@code dnssec}, the trust anchors validation starts from (null: the built-in root KSKs) and the
   * clock signatures' validity is checked against. {@code hedge}: how long a server not heard from
   * yet may stay silent before the zone's next server is asked alongside it (later adapted per
   * server to the round-trip times seen, as Unbound does); zero: one server at a time.
   */
  public record Settings(
      List<NameServer> roots,
      int port,
      Protocol protocol,
      Duration timeout,
      int tries,
      Family family,
      boolean dnssec,
      List<org.xbill.DNS.Record> trustAnchors,
      Clock clock,
      Duration hedge) {

    public Settings {
      if (hedge.isNegative()) {
        throw new IllegalArgumentException("negative hedge delay " + hedge);
      }
    }

    /**
     * Settings without DNSSEC validation and with the default hedge delay ({@link #withDnssec},
     * {@link #withHedge} change them).
     */
    public static Settings of(
        List<NameServer> roots,
        int port,
        Protocol protocol,
        Duration timeout,
        int tries,
        Family family) {
      return new Settings(
          roots,
          port,
          protocol,
          timeout,
          tries,
          family,
          false,
          null,
          Clock.systemUTC(),
          DEFAULT_HEDGE);
    }

    /**
     * The same settings validating DNSSEC from {@code trustAnchors} (null: the built-in root KSKs)
     * at the time of {@code clock}.
     */
    public Settings withDnssec(List<org.xbill.DNS.Record> trustAnchors, Clock clock) {
      return new Settings(
          roots, port, protocol, timeout, tries, family, true, trustAnchors, clock, hedge);
    }

    /** The same settings with another hedge delay (zero: one server at a time). */
    public Settings withHedge(Duration hedge) {
      return new Settings(
          roots, port, protocol, timeout, tries, family, dnssec, trustAnchors, clock, hedge);
    }
  }

  private final DnsTransport transport;
  private final Settings settings;
  private final Duration timeLimit;
  private TraceProgress progress = TraceProgress.NONE;

  public Tracer(DnsTransport transport, Settings settings) {
    this(transport, settings, MAX_TRACE_TIME);
  }

  /** A tracer whose traces end after {@code timeLimit} (tests; {@link #MAX_TRACE_TIME} else). */
  public Tracer(DnsTransport transport, Settings settings, Duration timeLimit) {
    this.transport = transport;
    this.settings = settings;
    this.timeLimit = timeLimit;
  }

  /** Tells {@code progress} of each query as it goes out; returns this tracer. */
  public Tracer withProgress(TraceProgress progress) {
    this.progress = progress;
    return this;
  }

  public Trace trace(QueryName name, int type) {
    Session session = new Session();
    try {
      return session.run(name.name(), type, 0, name.unicode());
    } finally {
      session.close();
    }
  }

  /** Ends a resolution early (a limit, a loop, or no server left to ask). */
  private static final class TraceAbort extends Exception {
    /** Why. */
    final TraceFailure failure;

    /** Whether no server could be asked because their addresses depend on each other. */
    final boolean cycle;

    TraceAbort(TraceFailure failure) {
      this(failure, false);
    }

    TraceAbort(TraceFailure failure, boolean cycle) {
      super(failure.kind().toString(), null, false, false);
      this.failure = failure;
      this.cycle = cycle;
    }
  }

  /** A zone and its nameservers, as a referral (or the root hints) gave them. */
  record Delegation(Name zone, List<NameServer> servers) {}

  /** One trace run's mutable state: the query budget and what was learnt about the tree. */
  private final class Session {
    private int queries;
    private int lookups;
    private final long deadline = System.nanoTime() + timeLimit.toNanos();

    /** Why the whole trace stops (a limit reached), once one is: every level ends with it. */
    private TraceFailure stop;

    private final Map<Name, Delegation> delegations = new HashMap<>();
    private final Map<Name, List<InetAddress>> addresses = new HashMap<>();
    private final Deque<Name> resolving = new ArrayDeque<>();

    /** Nameserver names whose address lookup ended in a glueless cycle. */
    private final Set<Name> cyclic = new HashSet<>();

    private final ChainValidator validator;
    private final RetransmitTimeouts rto =
        new RetransmitTimeouts((int) Math.max(1, settings.hedge().toMillis()));

    /** Threads for queries sent alongside others; created on the first such query. */
    private ExecutorService executor;

    Session() {
      delegations.put(Name.root, new Delegation(Name.root, settings.roots()));
      validator =
          settings.dnssec()
              ? new ChainValidator(
                  settings.trustAnchors() == null
                      ? TrustAnchors.builtIn()
                      : settings.trustAnchors(),
                  settings.clock())
              : null;
    }

    private Executor executor() {
      if (executor == null) {
        executor =
            Executors.newCachedThreadPool(
                r -> {
                  Thread t = new Thread(r, "stackscope-dns-query");
                  t.setDaemon(true); // an abandoned query ends at its timeout, never holds the JVM
                  return t;
                });
      }
      return executor;
    }

    void close() {
      if (executor != null) {
        // Interrupted: their sockets close (interruptible channels), so no abandoned query waits
        // out its timeout after the trace has ended.
        executor.shutdownNow();
      }
    }

    Trace run(Name qname, int qtype, int depth, String unicode) {
      List<StepBuilder> steps = new ArrayList<>();
      List<org.xbill.DNS.Record> answer = new ArrayList<>();
      List<org.xbill.DNS.Record> authority = new ArrayList<>();
      Trace.Result result;
      TraceFailure error = null;
      int before = queries;
      Name current = qname;
      int chain = 0;
      int restarts = 0;
      Set<Name> followed = new HashSet<>(Set.of(qname));
      Delegation at = depth == 0 ? delegations.get(Name.root) : closestKnown(qname);
      boolean validate = validator != null && depth == 0;
      Validation verdict = null;
      boolean cycle = false;
      try {
        while (true) {
          if (validate) {
            fetchKeys(at, chain, steps, depth);
          }
          Reply reply = askZone(at, current, qtype, chain, steps, depth);
          if (validate) {
            Validation v = validate(at.zone(), current, qtype, reply);
            reply.step.dnssec = v;
            if (reply.kind != Kind.REFERRAL) {
              verdict = Validation.worst(verdict, v);
            }
          }
          if (reply.kind == Kind.REFERRAL) {
            at = reply.delegation;
            delegations.put(at.zone(), at);
            continue;
          }
          answer.addAll(reply.chain);
          if (reply.kind == Kind.CNAME) {
            Name target = reply.target;
            if (!followed.add(target)) {
              throw new TraceAbort(TraceFailure.cnameLoop(target.toString()));
            }
            if (++restarts > MAX_CNAME_RESTARTS) {
              throw new TraceAbort(
                  TraceFailure.limit(TraceFailure.Kind.TOO_MANY_CNAMES, MAX_CNAME_RESTARTS));
            }
            current = target;
            if (!target.subdomain(at.zone())) {
              at = delegations.get(Name.root);
              chain++;
            }
            continue;
          }
          authority.addAll(reply.authority);
          result =
              switch (reply.kind) {
                case ANSWER -> Trace.Result.ANSWER;
                case NXDOMAIN -> Trace.Result.NXDOMAIN;
                default -> Trace.Result.NODATA;
              };
          break;
        }
      } catch (TraceAbort e) {
        result = Trace.Result.FAILED;
        error = stop != null ? stop : e.failure;
        cycle = stop == null && e.cycle;
        if (validate) {
          verdict =
              new Validation(
                  Validation.Status.INDETERMINATE,
                  null,
                  ValidationReason.of(ValidationReason.Kind.TRACE_FAILED).build());
        }
      }
      if (cycle && depth > 0) {
        cyclic.add(qname);
      }
      return new Trace(
          qname.toString(),
          unicode,
          Type.string(qtype),
          steps.stream().map(StepBuilder::build).toList(),
          RecordData.of(answer),
          result,
          RecordData.of(authority),
          error,
          queries - before,
          verdict);
    }

    /**
     * Checks the zone's DNSKEY set once, before its first query, when the zone should be signed.
     */
    private void fetchKeys(Delegation at, int chain, List<StepBuilder> steps, int depth)
        throws TraceAbort {
      if (!validator.needsKeys(at.zone())) {
        return;
      }
      Reply keys = askZone(at, at.zone(), Type.DNSKEY, chain, steps, depth);
      keys.step.dnssec =
          keys.kind == Kind.ANSWER
              ? validator.acceptKeys(at.zone(), keys.chain)
              : validator.noKeys(at.zone(), keys.step.outcome);
    }

    private Validation validate(Name zone, Name qname, int qtype, Reply reply) {
      return switch (reply.kind) {
        case REFERRAL ->
            validator.referral(zone, reply.delegation.zone(), reply.scrubbed.authority());
        case ANSWER, CNAME -> validator.answer(zone, reply.chain);
        case NXDOMAIN, NODATA ->
            validator.denial(
                zone,
                qname,
                qtype,
                reply.kind == Kind.NXDOMAIN,
                reply.chain,
                reply.scrubbed.authority());
        case LAME -> null;
      };
    }

    private Delegation closestKnown(Name name) {
      for (Name n = name; ; n = parent(n)) {
        Delegation d = delegations.get(n);
        if (d != null) {
          return d;
        }
        if (n.equals(Name.root)) {
          return delegations.get(Name.root);
        }
      }
    }

    /**
     * Asks the zone's servers until one gives a usable reply: one at a time, except that a server
     * still silent after its hedge delay gets company — the zone's next server (with a known
     * address) is asked in parallel, and the first usable reply wins. Every query is a step, in the
     * order sent; queries still pending when another reply wins are shown as abandoned.
     */
    private Reply askZone(
        Delegation at, Name qname, int qtype, int chain, List<StepBuilder> steps, int depth)
        throws TraceAbort {
      List<ServerFailure> failures = new ArrayList<>();
      Deque<Candidate> queue = new ArrayDeque<>();
      for (NameServer ns : ordered(at.servers())) {
        List<InetAddress> known = addressesOf(ns);
        if (known.isEmpty()) {
          queue.add(new Candidate(ns, null, settings.protocol(), 1, false));
        } else {
          queue.addAll(candidates(ns, known, failures));
        }
      }
      QueryRace<Flight> race = new QueryRace<>(transport, this::executor, System::nanoTime);
      boolean sentAny = false;
      boolean cycle = false; // a nameserver's address lookup went round in a glueless cycle
      long hedgeAt = Long.MAX_VALUE; // when to ask the next server alongside the pending ones
      TraceStep.ServerRef winner = null; // whose reply made the pending queries moot, if any
      try {
        while (true) {
          Candidate head = queue.peekFirst();
          boolean idle = race.pending().isEmpty();
          if (!idle && hedgeAt != Long.MAX_VALUE && race.now() >= hedgeAt) {
            hedgeAt = Long.MAX_VALUE;
            if (head != null && head.address() != null) {
              idle = true; // the hedge delay passed: send the next query as if nothing were pending
            }
          }
          if (idle || (head != null && head.urgent())) {
            // a hedge or an urgent retry needs an address: without one, nothing is pending here
            if (head == null) {
              throw new TraceAbort(
                  TraceFailure.noUsableReply(at.zone().toString(), failures), cycle && !sentAny);
            }
            queue.pollFirst();
            if (head.address() == null) { // glueless: a nested trace, never just to hedge
              Name server = head.ns().name();
              List<InetAddress> found = resolveGlueless(server, depth, steps, failures);
              cycle |= found.isEmpty() && (cyclic.contains(server) || resolving.contains(server));
              List<Candidate> more = candidates(head.ns(), found, failures);
              for (int i = more.size() - 1; i >= 0; i--) {
                queue.addFirst(more.get(i));
              }
              continue;
            }
            sentAny = true;
            QueryRace.Sent<Flight> sent =
                send(race, head, at.zone(), qname, qtype, chain, steps, queue);
            hedgeAt =
                settings.hedge().isZero()
                    ? Long.MAX_VALUE
                    : sent.sentNanos + rto.timeoutMs(head.address()) * 1_000_000L;
          }
          QueryRace.Sent<Flight> ended = race.next(Math.min(hedgeAt, deadline));
          if (ended == null) {
            checkBudget(); // the time limit, or else the hedge delay, passed
            continue;
          }
          Reply reply = read(ended, at.zone(), qname, qtype, queue, failures);
          if (reply != null) {
            winner = ended.tag.step().server;
            return reply;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TraceAbort(TraceFailure.of(TraceFailure.Kind.INTERRUPTED));
      } finally {
        for (QueryRace.Sent<Flight> left : race.pending()) {
          abandon(left, winner, race.now());
        }
      }
    }

    /** A server address to ask (null: glueless, to be found first); {@code urgent}: at once. */
    private record Candidate(
        NameServer ns, InetAddress address, Protocol protocol, int attempt, boolean urgent) {}

    /** A query sent: to whom, and its step. */
    private record Flight(Candidate candidate, StepBuilder step) {}

    private List<Candidate> candidates(
        NameServer ns, List<InetAddress> addresses, List<ServerFailure> failures) {
      List<Candidate> list = new ArrayList<>();
      for (InetAddress a : addresses) {
        if (wanted(a)) {
          list.add(new Candidate(ns, a, settings.protocol(), 1, false));
        }
      }
      if (list.isEmpty() && !addresses.isEmpty()) {
        failures.add(ServerFailure.noFamilyAddress(ref(ns.name()), settings.family()));
      }
      return list;
    }

    /**
     * Sends one query as a step. It runs on this thread when nothing else is pending and no other
     * server could be asked alongside it: hedging costs a thread only where it may help.
     */
    private QueryRace.Sent<Flight> send(
        QueryRace<Flight> race,
        Candidate c,
        Name zone,
        Name qname,
        int qtype,
        int chain,
        List<StepBuilder> steps,
        Deque<Candidate> queue)
        throws TraceAbort {
      checkBudget();
      queries++;
      StepBuilder step = new StepBuilder();
      step.chain = chain;
      step.zone = zone.toString();
      step.question = qname.toString() + " " + Type.string(qtype);
      step.server = new TraceStep.ServerRef(c.ns().name().toString(), IpAddress.text(c.address()));
      step.protocol = c.protocol().toString();
      List<QueryRace.Sent<Flight>> pending = race.pending();
      if (!pending.isEmpty() && !c.urgent()) {
        long previous = pending.get(pending.size() - 1).sentNanos;
        step.hedgedAfterMs = Math.round((race.now() - previous) / 1e5) / 10.0;
      }
      steps.add(step);
      progress.asking(step.server.name(), step.server.address(), step.question, queries);
      boolean others =
          !settings.hedge().isZero() && queue.stream().anyMatch(q -> q.address() != null);
      boolean inline = pending.isEmpty() && !others;
      Message query = Queries.build(qname, qtype, false, settings.dnssec());
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      return race.send(
          new Flight(c, step),
          query,
          new InetSocketAddress(c.address(), settings.port()),
          c.protocol(),
          settings.timeout().toMillis() <= left ? settings.timeout() : Duration.ofMillis(left),
          inline);
    }

    /**
     * Records how a query ended in its step; returns the reply when it is usable, else null (after
     * queueing what comes next: the TCP retry of a truncated reply, another try).
     */
    private Reply read(
        QueryRace.Sent<Flight> ended,
        Name zone,
        Name qname,
        int qtype,
        Deque<Candidate> queue,
        List<ServerFailure> failures) {
      Candidate c = ended.tag.candidate();
      StepBuilder step = ended.tag.step();
      TraceStep.ServerRef who = step.server;
      if (ended.failure() instanceof SocketTimeoutException) {
        step.outcome = TraceStep.Outcome.TIMEOUT;
        step.detail = TraceDetail.timeout(settings.timeout().toMillis());
        failures.add(ServerFailure.of(ServerFailure.Kind.TIMEOUT, who));
        if (c.attempt() < Math.max(1, settings.tries())) {
          queue.addFirst(
              new Candidate(c.ns(), c.address(), settings.protocol(), c.attempt() + 1, false));
        }
        return null;
      }
      if (ended.failure() != null) {
        step.outcome = TraceStep.Outcome.ERROR;
        step.detail = TraceDetail.exchangeFailed(StubResolver.describe(ended.failure()));
        failures.add(ServerFailure.reply(who, step.detail));
        return null;
      }
      Message m = recordReply(ended, step);
      rto.replied(c.address(), ended.exchange().rttMs());
      if (c.protocol() == Protocol.UDP && m.getHeader().getFlag(Flags.TC)) {
        step.outcome = TraceStep.Outcome.TRUNCATED;
        step.detail = TraceDetail.of(TraceDetail.Kind.TRUNCATED_RETRYING_TCP);
        queue.addFirst(new Candidate(c.ns(), c.address(), Protocol.TCP, c.attempt(), true));
        return null;
      }
      if (m.getHeader().getFlag(Flags.TC)) {
        step.outcome = TraceStep.Outcome.ERROR;
        step.detail = TraceDetail.of(TraceDetail.Kind.TRUNCATED_OVER_TCP);
        failures.add(ServerFailure.reply(who, step.detail));
        return null;
      }
      Reply reply = classify(zone, qname, qtype, m, step);
      if (reply.kind == Kind.LAME) {
        failures.add(ServerFailure.reply(who, step.detail));
        return null;
      }
      return reply;
    }

    private Message recordReply(QueryRace.Sent<Flight> ended, StepBuilder step) {
      Exchange ex = ended.exchange();
      Message m = ex.reply();
      step.rttMs = ex.rttMs();
      step.bytes = ex.bytes();
      step.rcode = Queries.rcode(m);
      step.flags = Queries.flags(m);
      return m;
    }

    /**
     * A query whose reply is no longer wanted: says how far it got, and whose reply won (null: the
     * trace ended).
     */
    private void abandon(QueryRace.Sent<Flight> left, TraceStep.ServerRef winner, long now) {
      StepBuilder step = left.tag.step();
      step.outcome = TraceStep.Outcome.ABANDONED;
      boolean replied = left.finished() && left.exchange() != null;
      if (replied) {
        recordReply(left, step);
      }
      step.detail =
          TraceDetail.abandoned(replied, Math.round((now - left.sentNanos) / 1e6), winner);
    }

    /** Servers with known addresses first: a glueless server costs a nested trace. */
    private List<NameServer> ordered(List<NameServer> servers) {
      List<NameServer> known = new ArrayList<>();
      List<NameServer> glueless = new ArrayList<>();
      for (NameServer ns : servers) {
        (addressesOf(ns).isEmpty() ? glueless : known).add(ns);
      }
      known.addAll(glueless);
      return known;
    }

    private List<InetAddress> addressesOf(NameServer ns) {
      if (!ns.addresses().isEmpty()) {
        return ns.addresses();
      }
      return addresses.getOrDefault(ns.name(), List.of());
    }

    /**
     * The addresses of a glueless nameserver, found by nested traces (A, then AAAA). Each name is
     * looked up once per trace, whatever the outcome: a name that could not be found is not looked
     * up again (as a name being looked up is not looked up again inside its own lookup), so that
     * zones whose servers live in each other cost a bounded number of lookups, which the lookup
     * limit caps in any case.
     */
    private List<InetAddress> resolveGlueless(
        Name server, int depth, List<StepBuilder> steps, List<ServerFailure> failures)
        throws TraceAbort {
      List<InetAddress> known = addresses.get(server);
      if (known != null) {
        if (cyclic.contains(server)) {
          failures.add(ServerFailure.of(ServerFailure.Kind.CYCLE, ref(server)));
        } else if (known.isEmpty()) {
          failures.add(ServerFailure.of(ServerFailure.Kind.EARLIER_LOOKUP_FAILED, ref(server)));
        }
        return known;
      }
      if (depth + 1 > MAX_DEPTH) {
        failures.add(ServerFailure.tooDeep(ref(server), MAX_DEPTH));
        return List.of();
      }
      if (resolving.contains(server)) {
        failures.add(ServerFailure.of(ServerFailure.Kind.CYCLE, ref(server)));
        return List.of();
      }
      checkBudget();
      resolving.push(server);
      try {
        List<InetAddress> found = new ArrayList<>();
        Trace last = null;
        for (int type : settings.family().addressTypes()) {
          if (lookups >= MAX_LOOKUPS) {
            stop = TraceFailure.limit(TraceFailure.Kind.LOOKUP_LIMIT, MAX_LOOKUPS);
            throw new TraceAbort(stop);
          }
          lookups++;
          Trace nested = run(server, type, depth + 1, null);
          attach(steps, nested);
          last = nested;
          for (RecordData r : nested.answer()) {
            if (r.type().equals(Type.string(type))
                && r.name().equalsIgnoreCase(server.toString())) {
              found.add(ServerAddress.literal(r.data(), r.data()));
            }
          }
          if (!found.isEmpty()) {
            break;
          }
          checkBudget();
        }
        if (found.isEmpty()) {
          failures.add(
              cyclic.contains(server)
                  ? ServerFailure.of(ServerFailure.Kind.CYCLE, ref(server))
                  : ServerFailure.notFound(ref(server), last.result(), last.error()));
        }
        addresses.put(server, List.copyOf(found));
        return found;
      } finally {
        resolving.pop();
      }
    }

    private void attach(List<StepBuilder> steps, Trace nested) {
      if (steps.isEmpty()) {
        StepBuilder holder = new StepBuilder();
        holder.outcome = TraceStep.Outcome.LOOKUP;
        holder.detail = TraceDetail.of(TraceDetail.Kind.GLUELESS_ROOTS);
        steps.add(holder);
      }
      steps.get(steps.size() - 1).nested.add(nested);
    }

    private boolean wanted(InetAddress a) {
      return switch (settings.family()) {
        case V4 -> a instanceof Inet4Address;
        case V6 -> a instanceof Inet6Address;
        case ANY -> true;
      };
    }

    private void checkBudget() throws TraceAbort {
      if (stop != null) {
        throw new TraceAbort(stop);
      }
      if (queries >= MAX_QUERIES) {
        stop = TraceFailure.limit(TraceFailure.Kind.QUERY_LIMIT, MAX_QUERIES);
        throw new TraceAbort(stop);
      }
      if (System.nanoTime() - deadline >= 0) {
        stop = TraceFailure.limit(TraceFailure.Kind.TIME_LIMIT, timeLimit.toMillis());
        throw new TraceAbort(stop);
      }
    }
  }

  /** A nameserver that could not be asked: its name, no address. */
  private static TraceStep.ServerRef ref(Name server) {
    return new TraceStep.ServerRef(server.toString(), null);
  }

  static Name parent(Name n) {
    return n.labels() <= 1 ? Name.root : new Name(n, 1);
  }
}
