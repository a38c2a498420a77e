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
 */
public record ProcessContext(Path proc, Integer pid, Path root) {
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
    return new ProcessContext(proc, pid, proc.resolve(pid + "/root"));
  }

  /** This host's view, its files under {@code root}. */
  public static ProcessContext host(Path proc, Path root) {
    return new ProcessContext(proc, null, root);
  }

  /** "PID 42" or "this host". */
  public String whose() {
    return pid == null ? "this host" : "PID " + pid;
  }

  /** The most of /proc/PID/environ read. */
  private static final int MAX_ENVIRON = 1 << 20;

  /**
   * Its resolv.conf, hosts and nsswitch.conf; for a process, with the LOCALDOMAIN and RES_OPTIONS
   * of its environment (when /proc/PID/environ can be read) as glibc applies them.
   */
  public ProcessLookup.View files() throws IOException {
    if (pid == null) {
      return ProcessFiles.read(root);
    }
    Map<String, String> env = environment(proc.resolve(pid + "/environ"));
    return ProcessFiles.read(root, env.get("LOCALDOMAIN"), env.get("RES_OPTIONS"));
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
