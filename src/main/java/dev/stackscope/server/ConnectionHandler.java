package dev.stackscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection, from accept to the exit code: who is calling ({@link #sameUser}, {@link
 * PeerCheck}), the request (in time), whether to serve it ({@link ServePolicy}, the build, the time
 * zone, the checkout's sources, a free slot), then the run ({@link RunSession}). Counts the runs in
 * flight and the last activity, which the server's lifecycle reads.
 */
final class ConnectionHandler {
  /** What the handler needs of the server's lifecycle. */
  interface Lifecycle {
    boolean stopping();

    /** Stops the server (once), saying why. */
    void stop(String why);
  }

  private final Lifecycle lifecycle;
  private final Runner runner;
  private final RunSession session;
  private final BuildStamp build;

  /** The environment the JVM read at start-up (locale, time zone, JVM options); nothing else. */
  private final Map<String, String> env;

  private final PeerCheck peers;

  /** This server's user: the owner of its private directory (checked to be this process's UID). */
  private final UserPrincipal user;

  /** Closes connections whose request does not come in time. */
  private final ScheduledExecutorService timer;

  private final PrintStream log;
  private final Semaphore permits = new Semaphore(Server.MAX_CONCURRENT);
  private final AtomicInteger active = new AtomicInteger();

  /** The checkouts this server's clients ran from (normally one): their sources' watches. */
  private final Map<Path, SourceWatch> sources = new ConcurrentHashMap<>();

  private volatile long lastActivity = System.currentTimeMillis();

  ConnectionHandler(
      Lifecycle lifecycle,
      Runner runner,
      RunSession session,
      BuildStamp build,
      Map<String, String> env,
      PeerCheck peers,
      UserPrincipal user,
      ScheduledExecutorService timer,
      PrintStream log) {
    this.lifecycle = lifecycle;
    this.runner = runner;
    this.session = session;
    this.build = build;
    this.env = env;
    this.peers = peers;
    this.user = user;
    this.timer = timer;
    this.log = log;
  }

  /** Notes activity (an accepted connection): the idle time starts again. */
  void touch() {
    lastActivity = System.currentTimeMillis();
  }

  /** Whether no run is going on and nothing happened for longer than {@code millis}. */
  boolean idleLongerThan(long millis) {
    return active.get() == 0 && System.currentTimeMillis() - lastActivity > millis;
  }

  /**
   * Waits for the runs in flight: their clients are waiting. A handler takes its permit before it
   * looks at {@code stopping}, so none starts after this.
   */
  void awaitRunsInFlight() {
    permits.acquireUninterruptibly(Server.MAX_CONCURRENT);
    permits.release(Server.MAX_CONCURRENT);
  }

  /** Closes the sources' watches (the server stops). */
  void closeWatches() {
    synchronized (sources) {
      sources.values().forEach(SourceWatch::close);
    }
  }

  void handle(SocketChannel connection) {
    active.incrementAndGet();
    try (connection) {
      if (!sameUser(connection)) {
        return;
      }
      // Buffered: the request is read in one system call, not one per field.
      InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(connection), 16384);
      Reply reply = new Reply(connection);
      Request request;
      // A connection that sends nothing (or half a request) must not hold a thread for ever.
      ScheduledFuture<?> timeout;
      try {
        timeout =
            timer.schedule(
                () -> closeQuietly(connection),
                Server.REQUEST_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        return; // stopping
      }
      try {
        request = Request.read(in);
      } catch (Request.ProtocolException e) {
        // Another version's client (or not ours): say why; it runs the command in a fresh JVM.
        // Only same-user peers get here. The frame format is the one thing versions must share.
        reply.decline(e.getMessage());
        throw e;
      } finally {
        timeout.cancel(false);
      }
      reply.accepted();
      Optional<String> reason = peerDeclineReason(connection);
      if (reason.isEmpty()) {
        reason = declineReason(request);
      }
      if (reason.isPresent()) {
        reply.decline(reason.get());
        return;
      }
      if (sourcesNewer(request)) {
        reply.rebuild();
        return;
      }
      if (!permits.tryAcquire()) {
        reply.decline("busy");
        return;
      }
      try {
        if (lifecycle.stopping()) { // checked after taking the permit: see awaitRunsInFlight()
          reply.decline("stopping");
          return;
        }
        reply.exit(session.run(request, reply, in));
      } finally {
        permits.release();
      }
    } catch (IOException | RuntimeException e) {
      log.println("stackscope server: request failed: " + e);
    } finally {
      touch();
      active.decrementAndGet();
    }
  }

  private Optional<String> declineReason(Request request) {
    if (lifecycle.stopping()) {
      return Optional.of("stopping");
    }
    if (!request.jar().equals(build.jar()) || build.jarChanged()) {
      lifecycle.stop("the jar changed");
      return Optional.of("another build");
    }
    if (env.get("TZ") == null && build.zoneChanged()) {
      lifecycle.stop("the system time zone changed");
      return Optional.of("the system time zone changed");
    }
    return ServePolicy.declineReason(
        runner.command(request.args()), request.args(), request.env(), env);
  }

  /** Why the connected process must not be served (its credentials or mounts), or empty. */
  private Optional<String> peerDeclineReason(SocketChannel connection) {
    try (PeerCheck.Peer peer = peers.peer(connection)) {
      return peers.declineReason(peer);
    } catch (IOException e) {
      log.println("stackscope server: " + e.getMessage());
      return Optional.of("cannot read the caller's credentials");
    }
  }

  private static void closeQuietly(SocketChannel connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * The launcher's rebuild check for the request's checkout (the launcher's directory), answered
   * from a watch of its sources (see {@link SourceWatch}) instead of a walk in every client.
   */
  private boolean sourcesNewer(Request request) {
    if (request.launcher() == null) {
      return false;
    }
    Path checkout = Path.of(request.launcher()).getParent();
    if (checkout == null || !checkout.isAbsolute()) {
      return false;
    }
    SourceWatch watch = sources.get(checkout);
    if (watch == null) {
      synchronized (sources) {
        if (lifecycle.stopping()) {
          return false; // closeWatches() has run or is about to: no new watch to leak
        }
        watch = sources.computeIfAbsent(checkout, c -> new SourceWatch(c, build.jarModified()));
      }
    }
    return watch.sourcesNewer();
  }

  /**
   * Whether the peer runs as this server's UID. Principals from UIDs compare by number: a UID
   * without a passwd entry (containers) still matches itself, and two accounts that share a name do
   * not match.
   */
  private boolean sameUser(SocketChannel connection) {
    try {
      jdk.net.UnixDomainPrincipal peer =
          connection.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().equals(user);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // UnsupportedOperationException: no SO_PEERCRED on this platform; refuse
    }
  }
}
