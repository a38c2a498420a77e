package dev.stackscope.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.cli.Invocation;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.FixtureHost;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped playbook (deploy/ansible/stackscope-snapshot.yml) run by a real ansible-playbook over
 * ssh against three hosts, then {@code fleet} and {@code diff} on what it fetched. A host is a
 * network namespace on a bridge (10.231.0.0/24) with its own PID, mount and UTS namespaces (so it
 * sees only its own processes, under its own name and machine-id) and its own sshd (key-only root
 * login). The stack spread over them: h1 haproxy → h2 nginx → gunicorn → h3 postgres + redis; a
 * thread sends requests through haproxy the whole time. The hosts run the stackscope under test
 * (this test's class path behind a wrapper script given as the playbook's {@code stackscope}).
 */
class FleetAnsibleIT {
  static final String SUBNET = "10.231.0";
  static final String BRIDGE = "br-ssfleet";
  static final int HOSTS = 3;
  static final Path REPO = Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();

  static Path dir;
  static final Map<Integer, Process> inits = new HashMap<>();
  static final Map<Integer, Long> initPids = new HashMap<>();
  static boolean bridgeMade;
  static final List<Integer> namespacesMade = new ArrayList<>();
  static final AtomicBoolean traffic = new AtomicBoolean();
  static Thread trafficThread;

  static String ns(int i) {
    return "ssfleet" + i;
  }

  static String ip(int i) {
    return SUBNET + "." + (10 + i);
  }

  @BeforeAll
  static void hosts() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root (network, PID and mount namespaces)");
    List<String> missing = new ArrayList<>();
    for (String b :
        List.of(
            "ansible-playbook",
            "ssh",
            "ssh-keygen",
            "sshd",
            "ip",
            "unshare",
            "nsenter",
            "runuser",
            "haproxy",
            "nginx",
            "gunicorn",
            "redis-server")) {
      if (which(b) == null) {
        missing.add(b);
      }
    }
    if (postgresBin() == null) {
      missing.add("postgres");
    }
    assumeTrue(
        missing.isEmpty(),
        "the multi-host test needs ansible-core, openssh-server, haproxy, nginx, gunicorn,"
            + " redis-server and postgresql (Debian); missing: "
            + missing);
    assumeTrue(
        run(List.of("/usr/bin/python3", "-c", "import psycopg2, redis")) == 0,
        "python3-psycopg2 and python3-redis are not installed");
    assumeTrue(
        sh("ip -o addr show to " + SUBNET + ".0/24").out().isBlank()
            && run(List.of("ip", "link", "show", BRIDGE)) != 0,
        SUBNET + ".0/24 or " + BRIDGE + " is already in use on this machine");

    dir = Files.createTempDirectory("stackscope-fleet");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    check(sh("ssh-keygen -q -t ed25519 -N '' -C fleet-it -f " + dir + "/id"));
    Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
    Files.createDirectories(Path.of("/run/sshd"));
    check(sh("ip link add " + BRIDGE + " type bridge"));
    bridgeMade = true;
    check(
        sh("ip addr add " + SUBNET + ".1/24 dev " + BRIDGE + " && ip link set " + BRIDGE + " up"));
    StringBuilder inventory = new StringBuilder("[fleet]\n");
    for (int i = 1; i <= HOSTS; i++) {
      Path h = Files.createDirectories(dir.resolve("h" + i));
      check(sh("ip netns add " + ns(i)));
      namespacesMade.add(i);
      check(
          sh(
              "ip link add v"
                  + ns(i)
                  + " type veth peer name eth0 netns "
                  + ns(i)
                  + " && ip link set v"
                  + ns(i)
                  + " master "
                  + BRIDGE
                  + " up && ip -n "
                  + ns(i)
                  + " addr add "
                  + ip(i)
                  + "/24 dev eth0 && ip -n "
                  + ns(i)
                  + " link set eth0 up && ip -n "
                  + ns(i)
                  + " link set lo up"));
      check(sh("ssh-keygen -q -t ed25519 -N '' -f " + h + "/host_key"));
      Files.writeString(
          h.resolve("machine-id"), ("f1ee7000000000000000000000000000" + i).substring(1) + "\n");
      Files.writeString(
          h.resolve("sshd_config"),
          String.join(
              "\n",
              "ListenAddress " + ip(i),
              "Port 22",
              "HostKey " + h + "/host_key",
              "PidFile " + h + "/sshd.pid",
              "PermitRootLogin prohibit-password",
              "PasswordAuthentication no",
              "KbdInteractiveAuthentication no",
              "PubkeyAuthentication yes",
              "AuthorizedKeysFile " + dir + "/authorized_keys",
              "StrictModes no",
              "UsePAM no",
              "Subsystem sftp internal-sftp",
              ""));
      // the host's PID 1: its name, its machine-id, its sshd, then it reaps orphans (postgres
      // and the daemons below are reparented to it) until it is killed
      Files.writeString(
          h.resolve("init.sh"),
          String.join(
              "\n",
              "hostname h" + i,
              "mount --bind " + h + "/machine-id /etc/machine-id",
              "/usr/sbin/sshd -f " + h + "/sshd_config -E " + h + "/sshd.log",
              "exec /usr/bin/python3 -c 'import os, time\nwhile True:\n  try: os.wait()\n  except"
                  + " ChildProcessError: time.sleep(0.2)'",
              ""));
      Process init =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  ns(i),
                  "unshare",
                  "--uts",
                  "--pid",
                  "--mount",
                  "--fork",
                  "--mount-proc",
                  "sh",
                  h + "/init.sh")
              .redirectErrorStream(true)
              .redirectOutput(h.resolve("init.log").toFile())
              .start();
      inits.put(i, init);
      inventory.append("h").append(i).append(" ansible_host=").append(ip(i)).append("\n");
    }
    for (int i = 1; i <= HOSTS; i++) {
      awaitPort(ip(i), 22, "sshd of h" + i);
      Process init = inits.get(i);
      initPids.put(
          i,
          init.toHandle()
              .children()
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no init"))
              .pid());
    }
    inventory.append(
        String.join(
            "\n",
            "[fleet:vars]",
            "ansible_user=root",
            "ansible_ssh_private_key_file=" + dir + "/id",
            "ansible_python_interpreter=/usr/bin/python3",
            ""));
    Files.writeString(dir.resolve("inventory.ini"), inventory.toString());
    Files.createDirectories(dir.resolve("cp"));
    Files.writeString(
        dir.resolve("ansible.cfg"),
        String.join(
            "\n",
            "[defaults]",
            "host_key_checking = False",
            "forks = 3",
            "remote_tmp = " + dir + "/remote-tmp",
            "local_tmp = " + dir + "/local-tmp",
            "[ssh_connection]",
            "ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o ControlPath="
                + dir
                + "/cp/%h -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no",
            "pipelining = True",
            ""));
    Files.writeString(
        dir.resolve("stackscope"),
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '"
            + System.getProperty("java.class.path")
            + "' dev.stackscope.Main \"$@\"\n");
    Files.setPosixFilePermissions(
        dir.resolve("stackscope"), PosixFilePermissions.fromString("rwxr-xr-x"));
    startStack();
  }

  /** h3: postgres (on its bridge address) and redis; h2: gunicorn behind nginx; h1: haproxy. */
  static void startStack() throws Exception {
    Path h3 = dir.resolve("h3");
    Files.createDirectories(h3.resolve("pg"));
    Files.createDirectories(h3.resolve("sock"));
    Files.createDirectories(h3.resolve("pglog"));
    check(
        sh(
            "chown postgres:postgres "
                + h3
                + "/pg "
                + h3
                + "/sock "
                + h3
                + "/pglog && chmod 700 "
                + h3
                + "/pg"));
    check(
        sh(
            "runuser -u postgres -- "
                + postgresBin()
                + "/initdb -D "
                + h3
                + "/pg -A trust -U postgres"));
    Files.writeString(
        h3.resolve("pg/pg_hba.conf"),
        "host all all " + SUBNET + ".0/24 trust\n",
        java.nio.file.StandardOpenOption.APPEND);
    startPostgres(ip(3));
    check(
        in(
            3,
            "redis-server --bind "
                + ip(3)
                + " --port 6379 --protected-mode no --save '' --daemonize yes --pidfile "
                + h3
                + "/redis.pid --dir "
                + h3
                + " --logfile "
                + h3
                + "/redis.log"));
    awaitPort(ip(3), 6379, "redis on h3");

    Path h2 = dir.resolve("h2");
    Files.writeString(
        h2.resolve("app.py"), APP.replace("@DB@", ip(3)).replace("@LOG@", h2 + "/app.log"));
    check(
        in(
            2,
            "gunicorn -D -b 127.0.0.1:8000 -w 1 --chdir "
                + h2
                + " -p "
                + h2
                + "/gunicorn.pid --log-file "
                + h2
                + "/gunicorn.log app:application"));
    Files.createDirectories(h2.resolve("nginx/logs"));
    Files.writeString(h2.resolve("nginx/nginx.conf"), NGINX.replace("@DIR@", h2 + "/nginx"));
    check(in(2, "nginx -p " + h2 + "/nginx -c " + h2 + "/nginx/nginx.conf"));
    awaitPort(ip(2), 80, "nginx on h2");

    Path h1 = dir.resolve("h1");
    Files.writeString(h1.resolve("haproxy.cfg"), HAPROXY.replace("@UPSTREAM@", ip(2)));
    check(in(1, "haproxy -D -p " + h1 + "/haproxy.pid -f " + h1 + "/haproxy.cfg"));
    awaitPort(ip(1), 80, "haproxy on h1");

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!request() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(request(), "no answer through haproxy → nginx → gunicorn: " + logs());
    traffic.set(true);
    trafficThread =
        new Thread(
            () -> {
              while (traffic.get()) {
                request();
              }
            },
            "fleet-traffic");
    trafficThread.setDaemon(true);
    trafficThread.start();
    awaitAppConnected(5432);
    awaitAppConnected(6379);
  }

  /** Waits until h3 has an established connection from h2's app on {@code port}. */
  static void awaitAppConnected(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String query =
        "ip netns exec " + ns(3) + " ss -Htn state established '( sport = :" + port + " )'";
    while (!sh(query).out().contains(ip(2))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("h2's app did not connect to h3:" + port + logs());
      }
      Thread.sleep(200);
    }
  }

  static void startPostgres(String listen) throws Exception {
    Path h3 = dir.resolve("h3");
    check(
        in(
            3,
            "runuser -u postgres -- "
                + postgresBin()
                + "/pg_ctl -D "
                + h3
                + "/pg -l "
                + h3
                + "/pglog/pg.log -w -o \"-c listen_addresses="
                + listen
                + " -p 5432 -c unix_socket_directories="
                + h3
                + "/sock\" start"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    traffic.set(false);
    if (trafficThread != null) {
      trafficThread.join(5000);
    }
    if (dir != null) {
      // ssh control masters first, then each host's processes (killing a PID namespace's init
      // kills all of them), then the links, the namespaces, the bridge
      for (int i = 1; i <= HOSTS; i++) {
        Path socket = dir.resolve("cp").resolve(ip(i));
        if (Files.exists(socket)) {
          sh("ssh -o ControlPath=" + socket + " -O exit " + ip(i));
        }
      }
    }
    for (Map.Entry<Integer, Long> e : initPids.entrySet()) {
      ProcessHandle.of(e.getValue()).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (Process p : inits.values()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    for (int i : namespacesMade) {
      sh("ip link del v" + ns(i));
      sh("ip netns del " + ns(i));
    }
    if (bridgeMade) {
      sh("ip link del " + BRIDGE);
    }
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void collectsEveryHostWithAnsibleJoinsThemAndDiffsTwoCollections() throws Exception {
    collect("before");
    CliRunner.Result fleet = stackscope("fleet", "--json", "before");
    assertEquals(0, fleet.exitCode(), fleet.toString());
    JsonNode map = fleet.json();
    Map<String, String> hostOf = new HashMap<>();
    for (JsonNode c : map.get("components")) {
      hostOf.put(c.get("key").asText(), c.get("host").asText());
    }
    for (String k : List.of("haproxy@h1", "nginx@h2", "gunicorn@h2", "postgres@h3", "redis@h3")) {
      assertEquals(k.substring(k.indexOf('@') + 1), hostOf.get(k), k + " in " + hostOf);
    }
    Set<String> cross = new TreeSet<>();
    for (JsonNode e : map.get("edges")) {
      if (e.get("crossHost").asBoolean()) {
        cross.add(e.get("from").asText() + " -> " + e.get("to").asText() + " :" + e.get("port"));
      }
    }
    assertEquals(
        Set.of(
            "haproxy@h1 -> nginx@h2 :80",
            "gunicorn@h2 -> postgres@h3 :5432",
            "gunicorn@h2 -> redis@h3 :6379"),
        cross,
        fleet.out() + logs());

    // redis stops; postgres comes back on all interfaces, and the app reconnects to it
    check(in(3, "kill \"$(cat " + dir + "/h3/redis.pid)\""));
    awaitClosed(ip(3), 6379);
    check(
        in(
            3,
            "runuser -u postgres -- "
                + postgresBin()
                + "/pg_ctl -D "
                + dir
                + "/h3/pg -m fast -w stop"));
    startPostgres("0.0.0.0");
    awaitAppConnected(5432);
    collect("after");
    CliRunner.Result diff = stackscope("diff", "--json", "before", "after");
    assertEquals(1, diff.exitCode(), diff.toString());
    JsonNode d = diff.json();
    assertEquals("[\"redis@h3\"]", d.get("componentsGone").toString(), diff.out());
    JsonNode scope = d.get("scopeChanges");
    assertEquals(1, scope.size(), diff.out());
    assertEquals("postgres@h3", scope.get(0).get("component").asText());
    assertEquals(5432, scope.get(0).get("port").asInt());
    assertEquals("private network", scope.get(0).get("before").asText());
    assertEquals("all interfaces", scope.get(0).get("after").asText());
    assertEquals("[\"0.0.0.0\"]", scope.get(0).get("addressesAfter").toString());
    assertEquals(1, d.get("edgesGone").size(), diff.out());
    assertEquals("gunicorn@h2", d.get("edgesGone").get(0).get("from").asText());
    assertEquals("redis@h3", d.get("edgesGone").get(0).get("to").asText());
    for (String none :
        List.of(
            "hostsNew",
            "hostsGone",
            "componentsNew",
            "rolesChanged",
            "listenersNew",
            "listenersGone",
            "edgesNew")) {
      assertEquals(0, d.get(none).size(), none + ": " + diff.out());
    }
    CliRunner.Result text = stackscope("diff", "before", "after");
    assertTrue(
        text.out().contains("postgres@h3 :5432 now listens on all interfaces"), text.toString());
  }

  /** Runs the shipped playbook into {@code dir/name/}. */
  static void collect(String name) {
    CliRunner.Result r =
        CliRunner.exec(
            dir,
            Map.of(
                "ANSIBLE_CONFIG",
                dir + "/ansible.cfg",
                "ANSIBLE_NOCOLOR",
                "1",
                "HOME",
                dir.toString()),
            Duration.ofMinutes(2),
            List.of(
                "ansible-playbook",
                "-i",
                dir + "/inventory.ini",
                REPO.resolve("deploy/ansible/stackscope-snapshot.yml").toString(),
                "-e",
                "stackscope=" + dir + "/stackscope",
                "-e",
                "snapshots_dir=" + dir + "/" + name));
    assertEquals(0, r.exitCode(), r.toString());
    for (int i = 1; i <= HOSTS; i++) {
      assertTrue(Files.isRegularFile(dir.resolve(name).resolve("h" + i + ".json")), r.toString());
    }
  }

  static CliRunner.Result stackscope(String... args) {
    return new CliRunner()
        .host(FixtureHost.host())
        .invocation(new Invocation(dir, FixtureHost.CALLER_PID, InputStream.nullInputStream()))
        .run(args);
  }

  /** Runs a shell command inside host {@code i}'s namespaces. */
  static CliRunner.Result in(int i, String command) {
    return CliRunner.exec(
        dir,
        Map.of(),
        Duration.ofSeconds(60),
        List.of(
            "nsenter", "-t", "" + initPids.get(i), "-m", "-u", "-n", "-p", "sh", "-c", command));
  }

  static CliRunner.Result sh(String command) {
    return CliRunner.exec(
        Path.of("/"), Map.of(), Duration.ofSeconds(60), List.of("sh", "-c", command));
  }

  static void check(CliRunner.Result r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(r.toString());
    }
  }

  static boolean request() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip(1), 80), 2000);
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write("GET / HTTP/1.0\r\nHost: h1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return reply.startsWith("HTTP/1.") && reply.contains("fleet ok");
    } catch (IOException e) {
      return false;
    }
  }

  static void awaitPort(String host, int port, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(what + ": nothing listens on " + host + ":" + port + logs());
  }

  static void awaitClosed(String host, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        Thread.sleep(100);
      } catch (IOException e) {
        return;
      }
    }
    throw new IllegalStateException(host + ":" + port + " still listens");
  }

  static String logs() {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".log")).toList()) {
        b.append("\n--- ").append(p).append("\n").append(Files.readString(p));
      }
    } catch (IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  static int run(List<String> cmd) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static String which(String name) {
    List<String> dirs =
        new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin"));
    for (String d : dirs) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  static String postgresBin() {
    try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
      return s.map(p -> p.resolve("bin"))
          .filter(p -> Files.isExecutable(p.resolve("postgres")))
          .max(Comparator.naturalOrder())
          .map(Path::toString)
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The app: one worker whose thread holds a connection to postgres and one to redis. */
  private static final String APP =
      """
      import threading, time, traceback
      import psycopg2, redis

      def note(what):
          with open("@LOG@", "a") as f:
              f.write(what + "\\n" + traceback.format_exc())

      def keep():
          pg = rd = None
          while True:
              try:
                  if pg is None:
                      pg = psycopg2.connect(host="@DB@", port=5432, user="postgres", dbname="postgres", connect_timeout=2)
                      pg.autocommit = True
                  with pg.cursor() as c:
                      c.execute("select 1")
              except Exception:
                  note("postgres")
                  pg = None
              try:
                  if rd is None:
                      rd = redis.Redis(host="@DB@", port=6379, socket_connect_timeout=2)
                  rd.ping()
              except Exception:
                  note("redis")
                  rd = None
              time.sleep(0.3)

      threading.Thread(target=keep, daemon=True).start()

      def application(environ, start_response):
          time.sleep(0.2)  # long enough for a snapshot to see the requests' connections
          start_response("200 OK", [("Content-Type", "text/plain")])
          return [b"fleet ok\\n"]
      """;

  private static final String NGINX =
      """
      worker_processes 1;
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
          listen 80;
          location / { proxy_pass http://127.0.0.1:8000; }
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
        bind 0.0.0.0:80
        default_backend nginx
      backend nginx
        http-reuse always
        server n1 @UPSTREAM@:80
      """;
}
