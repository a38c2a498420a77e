package dev.stackscope.dns.resolvconf;

import dev.stackscope.os.NetnsRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Whose view a lookup takes: a process's (its files through {@code /proc/PID/root}, its network
 * namespace for the queries and connections) or this host's. The one place that enters another
 * network namespace.
 *
 * @param proc the /proc root
 * @param pid the process, or null for this host
 * @param root where its resolver files are: {@code /proc/PID/root}, or this host's root
 * @param environment for this host, stackscope's own environment (the caller's, with the warm
 *     server); for a process null: its environment is read from {@code /proc/PID/environ}
 */
public record ProcessContext(Path proc, Integer pid, Path root, Map<String, String> environment) {
  /** Thrown when the process does not exist. */
  public static final class NoSuchProcess extends IOException {
    public NoSuchProcess(int pid) {
      super("no such process: " + pid);
    }
  }

  /** A process's view; throws {@link NoSuchProcess} when there is no such process. */
  public static ProcessContext of(Path proc, int pid) throws NoSuchProcess {
    if (!Files.isDirectory(proc.resolve(String.valueOf(pid)))) {
      throw new NoSuchProcess(pid);
    }
    return new ProcessContext(proc, pid, proc.resolve(pid + "/root"), null);
  }

  /**
   * This host's view, its files under {@code root}, with the LOCALDOMAIN and RES_OPTIONS of {@code
   * environment} (stackscope's own) applied as glibc does.
   */
  public static ProcessContext host(Path proc, Path root, Map<String, String> environment) {
    return new ProcessContext(proc, null, root, Map.copyOf(environment));
  }

  /** "PID 42" or "this host". */
  public String whose() {
    return pid == null ? "this host" : "PID " + pid;
  }

  /** The most of /proc/PID/environ read. */
  private static final int MAX_ENVIRON = 1 << 20;

  /**
   * Its resolv.conf, hosts and nsswitch.conf, with the LOCALDOMAIN and RES_OPTIONS of its
   * environment (a process's when /proc/PID/environ can be read) as glibc applies them, and without
   * a search list the domain of its {@link #hostname()}.
   */
  public ProcessLookup.View files() throws IOException {
    Map<String, String> env =
        pid == null ? environment : environment(proc.resolve(pid + "/environ"));
    return ProcessFiles.read(
        root, value(env, "LOCALDOMAIN"), value(env, "RES_OPTIONS"), this::hostname);
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.length() <= ResolvConf.MAX_ENV_VALUE
        ? v
        : v.substring(0, ResolvConf.MAX_ENV_VALUE);
  }

  /** The most of a hostname file read. */
  private static final int MAX_HOSTNAME_BYTES = 512;

  /**
   * What gethostname(2) returns in the process: the hostname of its UTS namespace, read from {@code
   * /proc/sys/kernel/hostname} (which shows the reading thread's namespace): here when it shares
   * ours (or for this host), else on a thread that joins its namespace (setns, needs root). Null
   * when it cannot be read.
   */
  public String hostname() {
    Path file = proc.resolve("sys/kernel/hostname");
    try {
      if (pid == null) {
        return readHostname(file);
      }
      Path uts = proc.resolve(pid + "/ns/uts");
      return NetnsRunner.differs(proc, uts)
          ? NetnsRunner.runInUts(uts, () -> readHostname(file))
          : readHostname(file);
    } catch (Exception e) {
      return null; // gone, no namespace files, or not ours to enter: no default search list
    }
  }

  private static String readHostname(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readNBytes(MAX_HOSTNAME_BYTES), StandardCharsets.UTF_8);
      return text.strip().isEmpty() ? null : text.strip();
    }
  }

  /** LOCALDOMAIN and RES_OPTIONS of an environ file (NUL-separated); empty when unreadable. */
  static Map<String, String> environment(Path environ) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(environ)) {
      bytes = in.readNBytes(MAX_ENVIRON);
    } catch (IOException e) {
      return Map.of(); // gone, or not ours to read: the files alone
    }
    Map<String, String> out = new HashMap<>();
    for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        String name = entry.substring(0, eq);
        if (name.equals("LOCALDOMAIN") || name.equals("RES_OPTIONS")) {
          out.putIfAbsent(name, entry.substring(eq + 1));
        }
      }
    }
    return out;
  }

  /** systemd-resolved's upstream servers when its resolv.conf points at the stub. */
  public List<String> resolvedUpstreams(ResolvConf conf) throws IOException {
    return ProcessFiles.resolvedUpstreams(root, conf);
  }

  /** Whether the process is in another network namespace than this JVM. */
  public boolean ownNetworkNamespace() throws IOException {
    return pid != null && NetnsRunner.differs(proc, netns());
  }

  /**
   * Runs {@code work} where the process's packets would go from: inside its network namespace when
   * that is another one, here otherwise.
   */
  public <T> T inNetworkNamespace(Callable<T> work) throws Exception {
    return ownNetworkNamespace() ? NetnsRunner.run(netns(), work) : work.call();
  }

  private Path netns() {
    return proc.resolve(pid + "/ns/net");
  }
}
