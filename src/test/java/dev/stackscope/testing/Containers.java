package dev.stackscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real containers for the tests of containers and network namespaces, with no image registry: a
 * busybox-static root file system imported as an image, run by podman (runc, through its own {@code
 * CONTAINERS_CONF}) and by docker, each as {@code busybox httpd} with a port published on 127.0.0.1
 * (chosen free at run time) and {@code --memory 64m}. Start once per test class
 * ({@code @BeforeAll}), {@link #close()} in {@code @AfterAll}.
 *
 * <p>Docker: a dockerd that answers on {@code /var/run/docker.sock} is used and left running;
 * otherwise one is started ({@code dockerd --storage-driver overlay2}) and, at {@link #close()},
 * stopped with its iptables chains and {@code docker0} — unless other containers are still there
 * (another test run's), in which case it is left running for them.
 *
 * <p>Names (containers and images) start with the caller's prefix, so test runs side by side on one
 * machine do not meet. A runtime that is missing or fails to start is not an error: {@link
 * #podman()} and {@link #docker()} skip the test (JUnit assumption) naming what was missing.
 */
public final class Containers implements AutoCloseable {
  /** The port busybox httpd listens on inside each container. */
  public static final int CONTAINER_PORT = 8080;

  /** The memory limit each container is given, in bytes ({@code --memory 64m}). */
  public static final long MEMORY_LIMIT = 64L * 1024 * 1024;

  /**
   * One running container: {@code runtime} "podman" or "docker", its name, full id, image name as
   * the runtime reports it, the published 127.0.0.1 port and the host PID of its httpd.
   */
  public record Container(
      String runtime, String name, String id, String image, int hostPort, long pid) {}

  /**
   * Docker's container is also given {@code --pids-limit 100 --cpus 0.5 --restart on-failure:2
   * --network bridge}.
   */
  public static final long DOCKER_PIDS_LIMIT = 100;

  /** The CPUs docker's container is given ({@code --cpus 0.5}). */
  public static final double DOCKER_CPUS = 0.5;

  private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

  private final String prefix;
  private final Path dir;
  private final Path rootfs;
  private final Path containersConf;
  private Container podman;
  private String podmanMissing;
  private Container docker;
  private String dockerMissing;
  private Process ownDockerd;

  private Containers(String prefix, Path dir) {
    this.prefix = prefix;
    this.dir = dir;
    this.rootfs = dir.resolve("rootfs");
    this.containersConf = dir.resolve("containers.conf");
  }

  /**
   * Starts a podman and a docker container named {@code PREFIX-podman-N} / {@code PREFIX-docker-N};
   * what cannot be started is remembered as the reason its accessor skips.
   */
  public static Containers start(String prefix) throws IOException, InterruptedException {
    Containers c = new Containers(prefix, Files.createTempDirectory(prefix + "-containers"));
    String common = c.commonMissing();
    if (common != null) {
      c.podmanMissing = common;
      c.dockerMissing = common;
      return c;
    }
    c.buildRootfs();
    try {
      c.startPodman();
    } catch (IOException | RuntimeException e) {
      c.podmanMissing = "podman could not start a container: " + e.getMessage();
    }
    try {
      c.startDocker();
    } catch (IOException | RuntimeException e) {
      c.dockerMissing = "docker could not start a container: " + e.getMessage();
    }
    return c;
  }

  /** The podman container; skips the test (naming what is missing) when there is none. */
  public Container podman() {
    Assumptions.assumeTrue(podman != null, () -> "no podman container: " + podmanMissing);
    return podman;
  }

  /** The docker container; skips the test (naming what is missing) when there is none. */
  public Container docker() {
    Assumptions.assumeTrue(docker != null, () -> "no docker container: " + dockerMissing);
    return docker;
  }

  /** The containers that did start (none, one or both). */
  public List<Container> running() {
    List<Container> all = new ArrayList<>();
    if (podman != null) {
      all.add(podman);
    }
    if (docker != null) {
      all.add(docker);
    }
    return all;
  }

  /** The {@code CONTAINERS_CONF} environment podman needs here (runc, ulimits). */
  public Map<String, String> podmanEnvironment() {
    return Map.of("CONTAINERS_CONF", containersConf.toString());
  }

  private String commonMissing() throws IOException, InterruptedException {
    if (!"0".equals(output(List.of("id", "-u")).trim())) {
      return "not root";
    }
    if (!Files.isExecutable(Path.of("/bin/busybox"))) {
      return "/bin/busybox not installed (Debian package busybox-static)";
    }
    return null;
  }

  /** A root file system of busybox-static and its applets, a passwd, a group and a web page. */
  private void buildRootfs() throws IOException, InterruptedException {
    for (String d : List.of("bin", "etc", "proc", "sys", "dev", "tmp", "www", "run", "var/tmp")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
    rootfs.resolve("bin/busybox").toFile().setExecutable(true, false);
    for (String applet : output(List.of("/bin/busybox", "--list")).split("\\s+")) {
      if (!applet.isEmpty() && !applet.equals("busybox") && !applet.contains("/")) {
        Path link = rootfs.resolve("bin").resolve(applet);
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, Path.of("busybox"));
        }
      }
    }
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
    Files.writeString(rootfs.resolve("www/index.html"), "hello-from-" + prefix + "\n");
  }

  private void startPodman() throws IOException, InterruptedException {
    if (!onPath("podman") || !onPath("runc")) {
      podmanMissing = "podman or runc not installed (Debian packages podman runc)";
      return;
    }
    // crun refuses hybrid cgroups on this kind of machine; ulimits at most the hard limits
    Files.writeString(
        containersConf,
        "[containers]\n"
            + "default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]\n"
            + "[engine]\n"
            + "runtime = \"runc\"\n");
    String image = "localhost/" + prefix + "-bb:local";
    run(List.of("sh", "-c", "tar -C '" + rootfs + "' -c . | podman import - " + image));
    String name = prefix + "-podman-" + ProcessHandle.current().pid();
    int port = freePort();
    String id = output(runArgs("podman", name, port, image)).trim();
    long pid =
        Long.parseLong(output(List.of("podman", "inspect", "-f", "{{.State.Pid}}", id)).trim());
    podman = new Container("podman", name, id, image, port, pid);
    awaitHttp(port);
  }

  private void startDocker() throws IOException, InterruptedException {
    if (!onPath("docker") || !onPath("dockerd")) {
      dockerMissing = "docker not installed (Debian package docker.io)";
      return;
    }
    if (!dockerAnswers()) {
      Path log = dir.resolve("dockerd.log");
      ownDockerd =
          new ProcessBuilder("dockerd", "--storage-driver", "overlay2")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!dockerAnswers()) {
        if (!ownDockerd.isAlive()) {
          ownDockerd = null; // another run's dockerd may be starting: use it when it answers
        }
        if (System.nanoTime() > deadline) {
          dockerMissing = "dockerd did not answer within 60 s: " + tail(log);
          return;
        }
        Thread.sleep(250);
      }
    }
    String image = prefix + "-bb:local";
    run(List.of("sh", "-c", "tar -C '" + rootfs + "' -c . | docker import - " + image));
    String name = prefix + "-docker-" + ProcessHandle.current().pid();
    int port = freePort();
    String id = output(runArgs("docker", name, port, image)).trim();
    long pid =
        Long.parseLong(output(List.of("docker", "inspect", "-f", "{{.State.Pid}}", id)).trim());
    docker = new Container("docker", name, id, image, port, pid);
    awaitHttp(port);
  }

  private static List<String> runArgs(String runtime, String name, int port, String image) {
    List<String> args = new ArrayList<>(List.of(runtime, "run", "-d", "--name", name));
    if (runtime.equals("docker")) {
      args.addAll(
          List.of(
              "--pids-limit",
              Long.toString(DOCKER_PIDS_LIMIT),
              "--cpus",
              Double.toString(DOCKER_CPUS),
              "--restart",
              "on-failure:2",
              "--network",
              "bridge"));
    }
    args.addAll(runArgs(port, image));
    return args;
  }

  private static List<String> runArgs(int port, String image) {
    return List.of(
        "--memory",
        "64m",
        "-p",
        "127.0.0.1:" + port + ":" + CONTAINER_PORT,
        image,
        "/bin/busybox",
        "httpd",
        "-f",
        "-p",
        "0.0.0.0:" + CONTAINER_PORT,
        "-h",
        "/www");
  }

  private boolean dockerAnswers() throws InterruptedException {
    if (!Files.exists(DOCKER_SOCKET)) {
      return false;
    }
    try {
      return exec(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 10).exit == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops and removes this run's containers and images; the dockerd it started, if alone. */
  @Override
  public void close() throws Exception {
    if (podman != null) {
      quiet(List.of("podman", "rm", "-f", "-t", "0", podman.id()));
      removeEmptyCgroups("libpod-" + podman.id());
      podman = null;
    }
    if (podmanMissing == null || !podmanMissing.startsWith("podman or runc")) {
      quiet(List.of("podman", "rmi", "-f", "localhost/" + prefix + "-bb:local"));
    }
    if (docker != null) {
      quiet(List.of("docker", "rm", "-f", docker.id()));
      docker = null;
    }
    if (ownDockerd != null) {
      quiet(List.of("docker", "rmi", "-f", prefix + "-bb:local"));
      boolean others = !exec(List.of("docker", "ps", "-aq"), 30).out.isBlank();
      if (!others) {
        ownDockerd.destroy();
        if (!ownDockerd.waitFor(30, TimeUnit.SECONDS)) {
          ownDockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        purgeDockerChains();
        quiet(List.of("ip", "link", "del", "docker0"));
      }
      ownDockerd = null;
    } else if (dockerMissing == null) {
      quiet(List.of("docker", "rmi", "-f", prefix + "-bb:local"));
    }
    delete(dir);
  }

  /** Removes the iptables rules and chains dockerd left (only DOCKER ones, in every table). */
  private void purgeDockerChains() throws IOException, InterruptedException {
    for (String table : List.of("filter", "nat", "mangle", "raw")) {
      Exec rules = exec(List.of("iptables", "-t", table, "-S"), 30);
      if (rules.exit != 0) {
        continue;
      }
      List<String> chains = new ArrayList<>();
      for (String line : rules.out.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("-N") && f[1].startsWith("DOCKER")) {
          chains.add(f[1]);
        } else if (f.length >= 2
            && f[0].equals("-A")
            && !f[1].startsWith("DOCKER")
            && (line.matches(".*-j DOCKER\\S*.*") || line.contains("docker0"))) {
          List<String> delete = new ArrayList<>(List.of("iptables", "-t", table, "-D"));
          delete.addAll(List.of(f).subList(1, f.length));
          quiet(delete);
        }
      }
      for (String chain : chains) {
        quiet(List.of("iptables", "-t", table, "-F", chain));
      }
      for (String chain : chains) {
        quiet(List.of("iptables", "-t", table, "-X", chain));
      }
    }
  }

  private static void removeEmptyCgroups(String name) throws IOException {
    Path root = Path.of("/sys/fs/cgroup");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (var hierarchies = Files.list(root)) {
      for (Path h : hierarchies.toList()) {
        Path d = h.resolve("libpod_parent").resolve(name);
        if (Files.isDirectory(d)) {
          d.toFile().delete(); // rmdir: fails, harmlessly, while a process is still in it
        }
      }
    }
  }

  /** A port free on 127.0.0.1 now (the runtime binds it a moment later). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until the published port answers HTTP (busybox httpd behind the runtime's proxy). */
  private static void awaitHttp(int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        s.setSoTimeout(2000);
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (head.startsWith("HTTP/")) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IOException("nothing answered HTTP on 127.0.0.1:" + port, last);
  }

  static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program));
  }

  private record Exec(int exit, String out) {}

  private Exec execEnv(List<String> cmd, int seconds) throws IOException, InterruptedException {
    return exec(cmd, seconds, Map.of("CONTAINERS_CONF", containersConf.toString()));
  }

  private static Exec exec(List<String> cmd, int seconds) throws IOException, InterruptedException {
    return exec(cmd, seconds, Map.of());
  }

  private static Exec exec(List<String> cmd, int seconds, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + ":" + b);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(1 << 20); // the commands here say little; a runaway one is cut off
    }
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Exec(-1, "timed out after " + seconds + " s: " + String.join(" ", cmd));
    }
    return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private String output(List<String> cmd) throws IOException, InterruptedException {
    Exec e = execEnv(cmd, 120);
    if (e.exit != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + e.exit + "): " + e.out.trim());
    }
    // podman and docker may print warnings (memory swap accounting) before the id
    String[] lines = e.out.trim().split("\n");
    return cmd.get(0).equals("/bin/busybox") ? e.out : lines[lines.length - 1];
  }

  private void run(List<String> cmd) throws IOException, InterruptedException {
    output(cmd);
  }

  private void quiet(List<String> cmd) throws IOException, InterruptedException {
    execEnv(cmd, 60);
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 1000 ? s.substring(s.length() - 1000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
