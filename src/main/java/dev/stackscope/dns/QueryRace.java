package dev.stackscope.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.xbill.DNS.Message;

/**
 * Queries to one zone's servers that may be on their way at the same time; the caller reads them in
 * the order they end and decides which reply wins. A query sent when nothing else is pending and no
 * other server could be asked in parallel runs on the caller's thread (no thread hop for the common
 * case); the others run on the executor. Replies are matched to their query by the transport (ID,
 * question, source address: RFC 5452); a query whose reply is no longer wanted is simply not read
 * again, and ends at its own timeout.
 *
 * @param <T> what the caller attaches to each query (the server asked, its step)
 */
final class QueryRace<T> {
  /** One query on its way, and how it ended once {@link #finished()}. */
  static final class Sent<T> {
    final T tag;
    final long sentNanos;
    private volatile boolean finished;
    private Exchange exchange;
    private IOException failure;

    private Sent(T tag, long sentNanos) {
      this.tag = tag;
      this.sentNanos = sentNanos;
    }

    boolean finished() {
      return finished;
    }

    /** The reply, or null when the query failed (then {@link #failure()}). */
    Exchange exchange() {
      return exchange;
    }

    IOException failure() {
      return failure;
    }
  }

  private final DnsTransport transport;
  private final Supplier<Executor> executor;
  private final LongSupplier nanoClock;
  private final BlockingQueue<Sent<T>> ended = new LinkedBlockingQueue<>();
  private final List<Sent<T>> pending = new ArrayList<>();

  QueryRace(DnsTransport transport, Supplier<Executor> executor, LongSupplier nanoClock) {
    this.transport = transport;
    this.executor = executor;
    this.nanoClock = nanoClock;
  }

  /** Sends a query; {@code inline}: on this thread, so that it has ended when this returns. */
  Sent<T> send(
      T tag,
      Message query,
      InetSocketAddress server,
      Protocol protocol,
      Duration timeout,
      boolean inline) {
    Sent<T> sent = new Sent<>(tag, nanoClock.getAsLong());
    pending.add(sent);
    Runnable exchange =
        () -> {
          try {
            sent.exchange = transport.exchange(query, server, protocol, timeout);
          } catch (IOException e) {
            sent.failure = e;
          } catch (RuntimeException e) {
            sent.failure =
                new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
          } finally {
            sent.finished = true;
            ended.add(sent);
          }
        };
    if (inline) {
      exchange.run();
    } else {
      executor.get().execute(exchange);
    }
    return sent;
  }

  /**
   * The next query to end, waiting at most until {@code deadlineNanos} (on the race's clock); null
   * when the deadline came first or nothing is pending.
   */
  Sent<T> next(long deadlineNanos) throws InterruptedException {
    if (pending.isEmpty()) {
      return null;
    }
    Sent<T> s;
    if (deadlineNanos == Long.MAX_VALUE) {
      s = ended.take();
    } else {
      s = ended.poll(Math.max(0, deadlineNanos - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
    }
    if (s != null) {
      pending.remove(s);
    }
    return s;
  }

  /** The queries sent and not yet read by {@link #next}, oldest first. */
  List<Sent<T>> pending() {
    return List.copyOf(pending);
  }

  long now() {
    return nanoClock.getAsLong();
  }
}
