package dev.stackscope.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The warm server: a JVM that stays resident after a first run so that later runs skip the JVM's
 * start-up (Nailgun and the Gradle daemon do the same for the same reason). The launcher's C client
 * hands it a command line with the caller's working directory, PID, environment and terminal; the
 * server runs it through its {@link Runner} (the command line) exactly as a fresh JVM would, relays
 * the client's stdin when the command reads it, and streams stdout, stderr and the exit code back.
 *
 * <p>One server per user and build: it listens on a Unix socket in a private directory (see {@link
 * SocketPath}), serves only callers with its own credentials and mounts ({@link PeerCheck}), and
 * exits after {@code STACKSCOPE_SERVER_IDLE} seconds without a request (default 900), when its jar
 * changes (a rebuild), or when its socket is removed or replaced. Nothing is cached between
 * requests: every command reads /proc, the sockets and DNS afresh (the one thing kept is a watch of
 * the checkout's sources, which only answers whether a rebuild is due).
 *
 * <p>This class is the lifecycle: the lock ({@link ServerLock}), the socket, the accept loop, the
 * reaper that stops an idle or outdated server ({@link BuildStamp}), and stopping. Each connection
 * is a {@link ConnectionHandler}'s; each run a {@link RunSession}'s.
 */
public final class Server implements ConnectionHandler.Lifecycle {
  /** Requests run at the same time; more are declined and run in a fresh JVM. */
  static final int MAX_CONCURRENT = 4;

  /** How long a client has to send its request after connecting; then the connection is closed. */
  static final long REQUEST_TIMEOUT_MILLIS = 5_000;

  /** How long the server spends warming its JIT after it starts (see {@link Runner#warmUp}). */
  static final java.time.Duration WARM_UP_BUDGET = java.time.Duration.ofSeconds(10);

  private final Runner runner;
  private final Path socket;
  private final long idleMillis;
  private final BuildStamp build;

  /**
   * Request and watcher threads, reused: a new thread per request would start every run with cold
   * thread-local caches (the JDK's native and direct I/O buffers), ~10 ms per run here.
   */
  private final ExecutorService threads =
      Executors.newCachedThreadPool(daemonThreads("stackscope-request"));

  /** Closes connections whose request does not come in time. */
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("stackscope-timer"));

  private final ConnectionHandler connections;
  private final PrintStream log;
  private volatile boolean stopping;
  private ServerSocketChannel listener;

  /** The socket file this server bound (device and inode), to notice its removal or replacement. */
  private volatile Object socketKey;

  Server(
      Runner runner,
      String jar,
      Path socket,
      Map<String, String> env,
      long idleMillis,
      PrintStream log)
      throws IOException {
    this(runner, jar, socket, env, idleMillis, log, BuildStamp.ZONE_FILES);
  }

  Server(
      Runner runner,
      String jar,
      Path socket,
      Map<String, String> env,
      long idleMillis,
      PrintStream log,
      List<Path> zoneFiles)
      throws IOException {
    this.runner = runner;
    this.socket = socket;
    this.idleMillis = idleMillis;
    this.log = log;
    this.build = new BuildStamp(jar, zoneFiles);
    this.connections =
        new ConnectionHandler(
            this,
            runner,
            new RunSession(runner, threads, log),
            build,
            ServePolicy.fixedAtStart(env),
            new PeerCheck(Path.of("/proc")),
            Files.getOwner(socket.getParent(), LinkOption.NOFOLLOW_LINKS),
            timer,
            log);
  }

  /**
   * Entry point ({@code -Dstackscope.serve=JAR}): serves {@code runner}'s commands until idle, then
   * returns 0.
   */
  public static int serve(Runner runner) {
    String jar = System.getProperty("stackscope.serve");
    PrintStream log = System.err;
    try {
      long uid = SocketPath.currentUid();
      Path dir = SocketPath.directory(uid);
      SocketPath.ensurePrivateDirectory(dir, uid);
      Path socket = SocketPath.socket(jar, uid);
      long idle = idleSeconds(System.getenv("STACKSCOPE_SERVER_IDLE")) * 1000;
      Server server = new Server(runner, jar, socket, System.getenv(), idle, log);
      try (ServerLock lock = ServerLock.tryAcquire(socket)) {
        if (lock == null) {
          log.println("stackscope server: another server already serves " + socket);
          return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop("terminated")));
        server.run(true);
        return 0;
      }
    } catch (IOException | RuntimeException e) {
      log.println("stackscope server: " + e);
      return 1;
    }
  }

  /** The file's identity (device and inode), or null when there is none. */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(
              file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  static long idleSeconds(String value) {
    if (value != null) {
      try {
        long s = Long.parseLong(value.trim());
        if (s > 0) {
          return s;
        }
      } catch (NumberFormatException e) {
        // the default
      }
    }
    return 900;
  }

  /** Binds (replacing a stale socket: the caller holds the lock), warms up, serves until idle. */
  void run(boolean warmUp) throws IOException {
    Files.deleteIfExists(socket);
    listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(socket));
    socketKey = fileKey(socket);
    log.println("stackscope server: listening on " + socket);
    Thread reaper = new Thread(this::reap, "stackscope-reaper");
    reaper.setDaemon(true);
    reaper.start();
    if (warmUp) {
      Thread warm =
          new Thread(
              () -> {
                runner.warmUp(ServePolicy.SERVED, WARM_UP_BUDGET, () -> stopping);
                System.gc(); // give back the warm-up's garbage (the heap shrinks: MaxHeapFreeRatio)
              },
              "stackscope-warm-up");
      warm.setDaemon(true);
      warm.start();
    }
    try {
      while (!stopping) {
        SocketChannel connection;
        try {
          connection = listener.accept();
        } catch (ClosedChannelException e) {
          break;
        }
        connections.touch();
        threads.execute(() -> connections.handle(connection));
      }
    } finally {
      stop("stopped");
      connections.awaitRunsInFlight(); // before this returns and the JVM exits
    }
  }

  @Override
  public boolean stopping() {
    return stopping;
  }

  /**
   * Stops accepting and removes the socket, once: a later call (the shutdown hook when the JVM
   * exits after {@link #run}) must not remove a socket that a newer server has bound since this one
   * released its lock. Requests in flight finish (see {@link #run}).
   *
   * <p>A call while another is under way returns when that one has finished: the reaper or a
   * request's thread may be the one stopping, and {@link #run} (after which the JVM exits) must not
   * return between the listener's close and the socket's removal, or the socket file outlives the
   * server.
   */
  @Override
  public synchronized void stop(String why) {
    if (stopping) {
      return;
    }
    stopping = true;
    log.println("stackscope server: " + why);
    timer.shutdownNow();
    connections.closeWatches();
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    try {
      // Ours only (we hold the lock, so no other server has bound the path; but a file put there
      // by someone else is left alone).
      if (socketKey != null && socketKey.equals(fileKey(socket))) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException e) {
      // a later server replaces it
    }
  }

  /** Stops the server when its socket is gone or replaced, its jar rebuilt, or it sat idle. */
  private void reap() {
    while (!stopping) {
      try {
        Thread.sleep(Math.min(5_000, Math.max(100, idleMillis / 4)));
      } catch (InterruptedException e) {
        return;
      }
      Object key = fileKey(socket);
      if (key == null) {
        stop("socket removed");
      } else if (!key.equals(socketKey)) {
        stop("socket replaced"); // not ours any more: nobody can reach this server
      } else if (build.jarChanged()) {
        stop("the jar changed");
      } else if (connections.idleLongerThan(idleMillis)) {
        stop("idle");
      }
    }
  }

  /** Threads that do not keep the JVM alive, all named {@code name}. */
  private static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
