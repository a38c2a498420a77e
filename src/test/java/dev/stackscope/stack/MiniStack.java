package dev.stackscope.stack;

import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real web stack on loopback ports, started without systemd: haproxy → nginx → gunicorn (a WSGI
 * app holding connections to postgres, redis and memcached) plus a Python job runner blocked on
 * redis. Everything runs from Debian packages; {@link #missing()} says what is absent.
 */
final class MiniStack implements AutoCloseable {
  /** Debian's Python, which has the client modules (a PATH python3 may be another one). */
  static final String PYTHON = "/usr/bin/python3";

  final Path dir;
  final int haproxyPort = freePort();
  final int nginxPort = freePort();
  final int gunicornPort = freePort();
  final int postgresPort = freePort();
  final int redisPort = freePort();
  final int memcachedPort = freePort();

  /** Started processes by name, stopped in reverse order. */
  final Map<String, Process> processes = new java.util.LinkedHashMap<>();

  private MiniStack(Path dir) {
    this.dir = dir;
  }

  /** The binaries and modules this stack needs that are absent, empty when it can run. */
  static List<String> missing() {
    List<String> out = new ArrayList<>();
    for (String b :
        List.of("haproxy", "nginx", "redis-server", "memcached", "gunicorn", "runuser")) {
      if (which(b) == null) {
        out.add(b);
      }
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      out.add(PYTHON);
    }
    if (postgresBin() == null) {
      out.add("postgres (/usr/lib/postgresql/*/bin)");
    }
    if (!isRoot()) {
      out.add("root (postgres runs through runuser, memcached through -u)");
    }
    if (out.isEmpty() && run(List.of(PYTHON, "-c", "import psycopg2, redis, pymemcache")) != 0) {
      out.add("python3-psycopg2 / python3-redis / python3-pymemcache");
    }
    return out;
  }

  static MiniStack start() throws Exception {
    Path dir = Files.createTempDirectory("stackscope-ministack");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    MiniStack s = new MiniStack(dir);
    try {
      s.startAll();
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    Path pg = dir.resolve("pg");
    Path sock = dir.resolve("pgsock");
    Files.createDirectories(pg);
    Files.createDirectories(sock);
    check(run(List.of("chown", "postgres:postgres", pg.toString(), sock.toString())), "chown");
    Files.setPosixFilePermissions(pg, PosixFilePermissions.fromString("rwx------"));
    String bin = postgresBin();
    check(
        run(
            List.of(
                "runuser",
                "-u",
                "postgres",
                "--",
                bin + "/initdb",
                "-D",
                pg.toString(),
                "-A",
                "trust",
                "-U",
                "postgres")),
        "initdb");
    launch(
        "postgres",
        List.of(
            "runuser",
            "-u",
            "postgres",
            "--",
            bin + "/postgres",
            "-D",
            pg.toString(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-p",
            "" + postgresPort,
            "-c",
            "unix_socket_directories=" + sock));
    launch(
        "redis",
        List.of(
            "redis-server",
            "--port",
            "" + redisPort,
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--daemonize",
            "no",
            "--dir",
            dir.toString()));
    launch(
        "memcached",
        List.of("memcached", "-u", "memcache", "-l", "127.0.0.1", "-p", "" + memcachedPort));
    awaitPort(postgresPort);
    awaitPort(redisPort);
    awaitPort(memcachedPort);
    Files.writeString(dir.resolve("app.py"), APP);
    Files.writeString(dir.resolve("jobrunner.py"), JOB_RUNNER);
    launch(
        "gunicorn",
        List.of(
            "gunicorn",
            "-b",
            "127.0.0.1:" + gunicornPort,
            "-w",
            "2",
            "--chdir",
            dir.toString(),
            "app:application"),
        "PGPORT",
        "" + postgresPort,
        "REDISPORT",
        "" + redisPort,
        "MCPORT",
        "" + memcachedPort);
    launch("jobrunner", List.of(PYTHON, dir.resolve("jobrunner.py").toString(), "" + redisPort));
    Path ng = dir.resolve("nginx");
    Files.createDirectories(ng.resolve("logs"));
    Files.writeString(
        ng.resolve("nginx.conf"),
        NGINX
            .replace("@DIR@", ng.toString())
            .replace("@PORT@", "" + nginxPort)
            .replace("@UPSTREAM@", "" + gunicornPort));
    launch(
        "nginx",
        List.of(
            "nginx",
            "-p",
            ng.toString(),
            "-c",
            ng.resolve("nginx.conf").toString(),
            "-g",
            "daemon off;"));
    Files.writeString(
        dir.resolve("haproxy.cfg"),
        HAPROXY.replace("@PORT@", "" + haproxyPort).replace("@UPSTREAM@", "" + nginxPort));
    launch("haproxy", List.of("haproxy", "-f", dir.resolve("haproxy.cfg").toString(), "-db"));
    awaitPort(gunicornPort);
    awaitPort(nginxPort);
    awaitPort(haproxyPort);
  }

  /** The pid of the process that serves a started program (runuser's child for postgres). */
  long serverPid(String name) {
    ProcessHandle h = processes.get(name).toHandle();
    if (name.equals("postgres")) {
      return h.children().findFirst().map(ProcessHandle::pid).orElse(h.pid());
    }
    return h.pid();
  }

  /** Sends one HTTP request through haproxy; true when the app answered. */
  boolean request() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", haproxyPort), 2000);
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes());
      String reply = new String(s.getInputStream().readAllBytes());
      return reply.startsWith("HTTP/1.") && reply.contains("stack ok");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(processes.keySet());
    java.util.Collections.reverse(names);
    for (String n : names) {
      stop(processes.get(n));
    }
    TempDirs.deleteQuietly(dir);
  }

  private static void stop(Process p) {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    p.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private void launch(String name, List<String> cmd, String... env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    for (int i = 0; i + 1 < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    processes.put(name, pb.start());
  }

  private void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        for (Map.Entry<String, Process> p : processes.entrySet()) {
          if (!p.getValue().isAlive()) {
            throw new IllegalStateException(p.getKey() + " exited: " + log(p.getKey()));
          }
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after 30 s");
  }

  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void check(int status, String what) {
    if (status != 0) {
      throw new IllegalStateException(what + " failed with status " + status);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static String postgresBin() {
    try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
      Optional<Path> bin =
          s.map(p -> p.resolve("bin"))
              .filter(p -> Files.isExecutable(p.resolve("postgres")))
              .max(Comparator.naturalOrder());
      return bin.map(Path::toString).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static String which(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    for (String d : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(d, name))) {
        return d + "/" + name;
      }
    }
    return null;
  }

  static int run(List<String> cmd) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String APP =
      """
      import os, time
      import psycopg2, redis
      from pymemcache.client.base import Client

      # each worker holds one connection to each backend for its whole life
      PG = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PGPORT"]), user="postgres", dbname="postgres")
      PG.autocommit = True
      REDIS = redis.Redis(host="127.0.0.1", port=int(os.environ["REDISPORT"]))
      REDIS.ping()
      MC = Client(("127.0.0.1", int(os.environ["MCPORT"])))
      MC.set("hits", "0")

      def application(environ, start_response):
          with PG.cursor() as c:
              c.execute("select 1")
          REDIS.rpush("jobs", "x")
          MC.incr("hits", 1)
          time.sleep(0.3)  # long enough for a snapshot to see nginx's upstream connection
          start_response("200 OK", [("Content-Type", "text/plain")])
          return [b"stack ok\\n"]
      """;

  private static final String JOB_RUNNER =
      """
      import sys, redis
      r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]))
      while True:
          r.blpop("jobs", timeout=1)
      """;

  private static final String NGINX =
      """
      worker_processes 2;
      pid @DIR@/nginx.pid;
      error_log @DIR@/logs/error.log;
      events { worker_connections 64; }
      http {
        access_log off;
        client_body_temp_path @DIR@/client_body;
        proxy_temp_path @DIR@/proxy;
        fastcgi_temp_path @DIR@/fastcgi;
        uwsgi_temp_path @DIR@/uwsgi;
        scgi_temp_path @DIR@/scgi;
        server {
          listen 127.0.0.1:@PORT@;
          location / { proxy_pass http://127.0.0.1:@UPSTREAM@; }
        }
      }
      """;

  private static final String HAPROXY =
      """
      global
        maxconn 64
      defaults
        mode http
        timeout connect 5s
        timeout client 30s
        timeout server 30s
      frontend web
        bind 127.0.0.1:@PORT@
        default_backend nginx
      backend nginx
        http-reuse always
        server n1 127.0.0.1:@UPSTREAM@
      """;
}
