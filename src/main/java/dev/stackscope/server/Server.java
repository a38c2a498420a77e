package dev.stackscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm server: a JVM that stays resident after a first run so that later runs skip the JVM's
 * start-up (Nailgun and the Gradle daemon do the same for the same reason). The launcher's C
 * client hands it a command line with the caller's working directory, PID, environment and
 * terminal; the server runs it through its {@link Runner} (the command line) exactly as a fresh
 * JVM would, relays the client's stdin when the command reads it, and streams stdout, stderr and
 * the exit code back.
 *
 * <p>One server per user and build: it listens on a Unix socket in a private directory (see
 * {@link SocketPath}), serves only callers with its own credentials and mounts ({@link
 * PeerCheck}), and exits after
 * {@code STACKSCOPE_SERVER_IDLE} seconds without a request (default 900), when its jar changes
 * (a rebuild), or when its socket is removed or replaced. Nothing is cached between requests:
 * every command reads /proc, the sockets and DNS afresh (the one thing kept is a watch of the
 * checkout's sources, which only answers whether a rebuild is due).
 */
public final class Server {
  /** Requests run at the same time; more are declined and run in a fresh JVM. */
  static final int MAX_CONCURRENT = 4;

  /** How long a client has to send its request after connecting; then the connection is closed. */
  static final long REQUEST_TIMEOUT_MILLIS = 5_000;

  /** How long the server spends warming its JIT after it starts (see {@link Runner#warmUp}). */
  static final java.time.Duration WARM_UP_BUDGET = java.time.Duration.ofSeconds(10);

  /** Where the JVM found the system's time zone at start-up (no TZ): its default is fixed then. */
  static final List<Path> ZONE_FILES = List.of(Path.of("/etc/localtime"), Path.of("/etc/timezone"));

  private final Runner runner;
  private final String jar;
  private final Path socket;
  /** The environment the JVM read at start-up (locale, time zone, JVM options); nothing else. */
  private final Map<String, String> env;
  private final long idleMillis;
  private final FileTime jarModified;
  private final long jarSize;
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT);
  /**
   * Request and watcher threads, reused: a new thread per request would start every run with
   * cold thread-local caches (the JDK's native and direct I/O buffers), ~10 ms per run here.
   */
  private final java.util.concurrent.ExecutorService threads =
      java.util.concurrent.Executors.newCachedThreadPool(daemonThreads("stackscope-request"));
  /** Closes connections whose request does not come in time. */
  private final java.util.concurrent.ScheduledExecutorService timer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          daemonThreads("stackscope-timer"));
  private final AtomicInteger active = new AtomicInteger();
  /** The checkouts this server's clients ran from (normally one): their sources' watches. */
  private final Map<Path, SourceWatch> sources = new java.util.concurrent.ConcurrentHashMap<>();
  private final PrintStream log;
  /** This server's user: the owner of its private directory (checked to be this process's UID). */
  private final UserPrincipal user;
  private final List<Path> zoneFiles;
  private final String zone;
  private final PeerCheck peers;
  private volatile long lastActivity = System.currentTimeMillis();
  private volatile boolean stopping;
  private ServerSocketChannel listener;
  /** The socket file this server bound (device and inode), to notice its removal or replacement. */
  private volatile Object socketKey;

  Server(
      Runner runner, String jar, Path socket, Map<String, String> env, long idleMillis,
      PrintStream log)
      throws IOException {
    this(runner, jar, socket, env, idleMillis, log, ZONE_FILES);
  }

  Server(
      Runner runner, String jar, Path socket, Map<String, String> env, long idleMillis,
      PrintStream log, List<Path> zoneFiles)
      throws IOException {
    this.runner = runner;
    this.zoneFiles = zoneFiles;
    this.zone = zoneStamp(zoneFiles);
    this.jar = jar;
    this.socket = socket;
    this.env = ServePolicy.fixedAtStart(env);
    this.peers = new PeerCheck(Path.of("/proc"));
    this.idleMillis = idleMillis;
    this.log = log;
    Path jarFile = Path.of(jar);
    this.jarModified = Files.getLastModifiedTime(jarFile);
    this.jarSize = Files.size(jarFile);
    this.user = Files.getOwner(socket.getParent(), LinkOption.NOFOLLOW_LINKS);
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
      // One server per socket: the holder of an fcntl lock on its lock file. The file is never
      // deleted (a lock on a file unlinked and re-created by someone else would guard nothing),
      // and this process never opens it a second time: closing any descriptor of a file drops
      // every fcntl lock the process holds on it (POSIX), which once let a second server start
      // beside the first one.
      Path lockFile = Path.of(socket.toString().replaceFirst("\\.sock$", ".lock"));
      try (FileChannel lockChannel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.tryLock()) {
        if (lock == null) {
          log.println("stackscope server: another server already serves " + socket);
          return 0;
        }
        // For people looking at the directory; nothing reads it.
        String pid = ProcessHandle.current().pid() + "\n";
        lockChannel.truncate(0);
        lockChannel.write(ByteBuffer.wrap(pid.getBytes(StandardCharsets.US_ASCII)), 0);
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
      return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
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
        lastActivity = System.currentTimeMillis();
        threads.execute(() -> handle(connection));
      }
    } finally {
      stop("stopped");
      // Runs in flight finish before this returns (and the JVM exits): their clients are waiting.
      // A handler takes its permit before it looks at `stopping`, so none starts after this.
      permits.acquireUninterruptibly(MAX_CONCURRENT);
      permits.release(MAX_CONCURRENT);
    }
  }

  /**
   * Stops accepting and removes the socket, once: a later call (the shutdown hook when the JVM
   * exits after {@link #run}) must not remove a socket that a newer server has bound since this
   * one released its lock. Requests in flight finish (see {@link #run}).
   *
   * <p>A call while another is under way returns when that one has finished: the reaper or a
   * request's thread may be the one stopping, and {@link #run} (after which the JVM exits) must not
   * return between the listener's close and the socket's removal, or the socket file outlives the
   * server.
   */
  synchronized void stop(String why) {
    if (stopping) {
      return;
    }
    stopping = true;
    log.println("stackscope server: " + why);
    timer.shutdownNow();
    synchronized (sources) {
      sources.values().forEach(SourceWatch::close);
    }
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
      } else if (buildChanged()) {
        stop("the jar changed");
      } else if (active.get() == 0 && System.currentTimeMillis() - lastActivity > idleMillis) {
        stop("idle");
      }
    }
  }

  /**
   * The system time zone's files as they are now (link target, size, modification time): the
   * JVM's default zone comes from them once, so a server outlives a change of the system's zone.
   */
  static String zoneStamp(List<Path> files) {
    StringBuilder s = new StringBuilder();
    for (Path f : files) {
      s.append(f).append('\t');
      try {
        if (Files.isSymbolicLink(f)) {
          s.append(Files.readSymbolicLink(f)).append('\t');
        }
        s.append(Files.size(f)).append('\t').append(Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        s.append('-');
      }
      s.append('\n');
    }
    return s.toString();
  }

  private boolean buildChanged() {
    try {
      Path file = Path.of(jar);
      return !Files.getLastModifiedTime(file).equals(jarModified) || Files.size(file) != jarSize;
    } catch (IOException e) {
      return true;
    }
  }

  private void handle(SocketChannel connection) {
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
      java.util.concurrent.ScheduledFuture<?> timeout;
      try {
        timeout =
            timer.schedule(
                () -> closeQuietly(connection),
                REQUEST_TIMEOUT_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
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
        if (stopping) { // checked after taking the permit: run() waits for every permit
          reply.decline("stopping");
          return;
        }
        reply.exit(run(request, reply, in));
      } finally {
        permits.release();
      }
    } catch (IOException | RuntimeException e) {
      log.println("stackscope server: request failed: " + e);
    } finally {
      lastActivity = System.currentTimeMillis();
      active.decrementAndGet();
    }
  }

  private Optional<String> declineReason(Request request) {
    if (stopping) {
      return Optional.of("stopping");
    }
    if (!request.jar().equals(jar) || buildChanged()) {
      stop("the jar changed");
      return Optional.of("another build");
    }
    if (env.get("TZ") == null && !zoneStamp(zoneFiles).equals(zone)) {
      stop("the system time zone changed");
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
        if (stopping) {
          return false; // close() has run or is about to: no new watch to leak
        }
        watch = sources.computeIfAbsent(checkout, c -> new SourceWatch(c, jarModified));
      }
    }
    return watch.sourcesNewer();
  }

  private int run(Request request, Reply reply, InputStream in) {
    Cancel cancel = new Cancel(Thread.currentThread());
    ClientInput stdin = new ClientInput(reply);
    threads.execute(() -> watch(in, reply, stdin, cancel));
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(reply.stream('O'), StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(reply.stream('E'), StandardCharsets.UTF_8), false);
    reply.started();
    int code;
    try {
      code =
          runner.run(
              new Runner.Call(
                  request.args(), request.workingDirectory(), request.pid(), request.terminal(),
                  request.env(), stdin, out, err));
    } catch (RuntimeException | Error e) {
      err.println("stackscope: internal error in the server: " + e);
      code = 1;
    } finally {
      out.flush();
      err.flush();
      cancel.finished();
    }
    Thread.interrupted(); // a cancelled run's interrupt must not reach the thread's next request
    return code;
  }

  /** Interrupts a run's thread while, and only while, that run is going on (threads are reused). */
  private static final class Cancel {
    private final Thread worker;
    private boolean running = true;

    Cancel(Thread worker) {
      this.worker = worker;
    }

    synchronized void cancel() {
      if (running) {
        worker.interrupt();
      }
    }

    synchronized void finished() {
      running = false;
    }

    synchronized boolean running() {
      return running;
    }
  }

  /**
   * Reads the client's frames while its run goes on: its stdin when the run asked for it, and its
   * hang-up, which cancels the run (an interrupt: a read of the client's stdin ends, and a socket
   * of the run's, an interruptible channel, is closed; threads are reused, so nothing else may be
   * left blocked on behalf of a client that is gone). Anything that is not an 'I' frame counts as
   * a hang-up.
   */
  private void watch(InputStream in, Reply reply, ClientInput stdin, Cancel cancel) {
    Thread.currentThread().setName("stackscope-watch"); // a pooled thread: named for what it does
    try {
      for (byte[] bytes; (bytes = Request.readInput(in)) != null; ) {
        stdin.deliver(bytes);
      }
    } catch (java.nio.channels.AsynchronousCloseException e) {
      return; // closed by us when the run ended
    } catch (IOException e) {
      if (!cancel.running()) {
        return; // the run ended and its connection was closed
      }
      log.println("stackscope server: a client's frames: " + e.getMessage());
    } finally {
      Thread.currentThread().setName("stackscope-request");
    }
    reply.markGone();
    stdin.end();
    cancel.cancel();
  }

  /**
   * Whether the peer runs as this server's UID. Principals from UIDs compare by number: a UID
   * without a passwd entry (containers) still matches itself, and two accounts that share a name
   * do not match.
   */
  private boolean sameUser(SocketChannel connection) {
    try {
      jdk.net.UnixDomainPrincipal peer = connection.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().equals(user);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // UnsupportedOperationException: no SO_PEERCRED on this platform; refuse
    }
  }

  /** Threads that do not keep the JVM alive, all named {@code name}. */
  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
