package dev.stackscope.dns.resolvconf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a process's resolver files through its root ({@code /proc/PID/root}, or {@code /}): a
 * symbolic link is followed inside that root (an absolute target such as {@code
 * /run/systemd/resolve/stub-resolv.conf} means the process's, not ours), at most 8 hops; each file
 * at most its parser's limit.
 */
public final class ProcessFiles {
  private static final int MAX_LINKS = 8;

  private ProcessFiles() {}

  /** The process's view: resolv.conf, hosts, nsswitch.conf (defaults for missing ones). */
  public static ProcessLookup.View read(Path root) throws IOException {
    return read(root, null, null);
  }

  /**
   * As {@link #read(Path)}, with the process's LOCALDOMAIN and RES_OPTIONS (null: not set) applied
   * as glibc does ({@link ResolvConf#parse(String, String, String)}).
   */
  public static ProcessLookup.View read(Path root, String localDomain, String resOptions)
      throws IOException {
    return read(root, localDomain, resOptions, () -> null);
  }

  /**
   * As {@link #read(Path, String, String)}, with the hostname the process's gethostname(2) returns
   * (asked only when there is no search list; null: not known), whose domain is glibc's default
   * search list.
   */
  public static ProcessLookup.View read(
      Path root, String localDomain, String resOptions, Supplier<String> hostname)
      throws IOException {
    String resolv = read(root, "etc/resolv.conf", ResolvConf.MAX_BYTES);
    String hosts = read(root, "etc/hosts", HostsFile.MAX_BYTES);
    String nss = read(root, "etc/nsswitch.conf", NssHosts.MAX_BYTES);
    return new ProcessLookup.View(
        ResolvConf.parse(resolv == null ? "" : resolv, localDomain, resOptions, hostname),
        hosts == null ? HostsFile.empty() : HostsFile.parse(hosts),
        nss == null ? NssHosts.defaults() : NssHosts.parse(nss));
  }

  /**
   * systemd-resolved's upstream servers when the process uses its stub (127.0.0.53): the
   * nameservers of {@code /run/systemd/resolve/resolv.conf} under its root; empty otherwise.
   */
  public static List<String> resolvedUpstreams(Path root, ResolvConf conf) throws IOException {
    if (!conf.nameservers().contains("127.0.0.53")) {
      return List.of();
    }
    String text = read(root, "run/systemd/resolve/resolv.conf", ResolvConf.MAX_BYTES);
    return text == null ? List.of() : ResolvConf.parse(text).nameservers();
  }

  /** The file's text (at most {@code limit} bytes, UTF-8), or null when it does not exist. */
  static String read(Path root, String relative, int limit) throws IOException {
    Path p = root.resolve(relative);
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops == MAX_LINKS) {
        throw new IOException(relative + ": too many symbolic links");
      }
      Path target = Files.readSymbolicLink(p);
      p =
          target.isAbsolute()
              ? root.resolve(target.toString().substring(1))
              : p.getParent().resolve(target);
    }
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
