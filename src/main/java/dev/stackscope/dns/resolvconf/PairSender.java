package dev.stackscope.dns.resolvconf;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.StubResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One server's turn at a candidate: its queries (A, AAAA) sent one after the other, or together as
 * glibc's send_dg sends them by default (both out before it waits for either reply, so a silent
 * server costs one timeout, not two). Together, the second query goes out on a thread of its own
 * (created here, so in this thread's network namespace) as soon as the first is answered, or {@link
 * #STAGGER_MICROS} after the first went to the transport: the server sees the first query first, as
 * glibc's, and each query keeps its own time.
 */
final class PairSender {
  /** How long the second query of a pair waits for the first to be on its way. */
  static final long STAGGER_MICROS = 1000;

  /** A query's resolution and the time waited for it (its wait when nothing came back). */
  record Sent(Resolution resolution, double waitedMs) {}

  private PairSender() {}

  /** The resolutions of {@code types} in that order. */
  static List<Sent> send(
      DnsTransport transport,
      StubResolver.Settings settings,
      QueryName name,
      List<Integer> types,
      boolean together,
      LongSupplier clock) {
    if (!together || types.size() != 2) {
      List<Sent> out = new ArrayList<>();
      StubResolver stub = new StubResolver(transport, settings);
      for (int type : types) {
        out.add(timed(stub, name, type, clock));
      }
      return out;
    }
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch firstDone = new CountDownLatch(1);
    DnsTransport signalling =
        (query, server, protocol, timeout) -> {
          firstEntered.countDown();
          return transport.exchange(query, server, protocol, timeout);
        };
    AtomicReference<Sent> second = new AtomicReference<>();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                firstEntered.await();
                firstDone.await(STAGGER_MICROS, TimeUnit.MICROSECONDS);
                second.set(timed(new StubResolver(transport, settings), name, types.get(1), clock));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failed.set(e);
              }
            },
            "dns-pair");
    t.setDaemon(true);
    t.start();
    Sent first;
    try {
      first = timed(new StubResolver(signalling, settings), name, types.get(0), clock);
    } finally {
      firstEntered.countDown(); // never sent (a failure before the transport): free the second
      firstDone.countDown();
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true; // the caller went away: end the second query too, then say so
        t.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    Sent other = second.get();
    if (other == null) {
      other =
          new Sent(
              Resolution.unanswered(
                  name.ascii(),
                  name.unicode(),
                  dev.stackscope.dns.RecordTypes.name(types.get(1)),
                  List.of()),
              0);
    }
    return List.of(first, other);
  }

  private static Sent timed(StubResolver stub, QueryName name, int type, LongSupplier clock) {
    long t0 = clock.getAsLong();
    Resolution r = stub.resolve(name, type);
    return new Sent(r, (clock.getAsLong() - t0) / 1e6);
  }
}
