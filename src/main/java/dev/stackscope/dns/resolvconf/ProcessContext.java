package dev.stackscope.dns.resolvconf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** Its resolv.conf, hosts and nsswitch.conf. */
  public ProcessLookup.View files() throws IOException {
    return ProcessFiles.read(root);
  }

  /** systemd-resolved's upstream servers when its resolv.conf points at the stub. */
  public List<String> resolvedUpstreams(ResolvConf conf) throws IOException {
    return ProcessFiles.resolvedUpstreams(root, conf);
  }

  /** Whether the process is in another network namespace than this JVM. */
  public boolean ownNetworkNamespace() throws IOException {
    return pid != null && NetNamespace.differs(proc, netns());
  }

  /**
   * Runs {@code work} where the process's packets would go from: inside its network namespace when
   * that is another one, here otherwise.
   */
  public <T> T inNetworkNamespace(Callable<T> work) throws Exception {
    return ownNetworkNamespace() ? NetNamespace.run(netns(), work) : work.call();
  }

  private Path netns() {
    return proc.resolve(pid + "/ns/net");
  }
}
