package dev.stackscope.container;

import dev.stackscope.os.FileBytes;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.process.ProcfsParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who a process is beyond its PID: its systemd unit and slice, its container (with name, image and
 * pod from the runtime's state files), its namespaces compared with the host's, and its cgroup
 * limits. Every root is passed in, so it runs against a fixture tree as well as the live system.
 * Not thread-safe: one per run.
 */
public final class ProcessIdentities {
  /** A process's unit, slice and container; each null when it has none (or it is hidden). */
  public record Identity(String unit, String slice, ContainerInfo container) {
    public static final Identity NONE = new Identity(null, null, null);
  }

  private final String procPrefix;
  private final CgroupLimits limits;
  private final ContainerStates states;
  private final Path netnsDir;
  private final FileBytes buf = new FileBytes(1024);
  private Map<Long, String> netnsNames;
  private Namespaces host;
  private int hostPid;
  private int namespacesDenied;

  /**
   * @param proc the {@code /proc} root
   * @param cgroupRoot the cgroup file system ({@code /sys/fs/cgroup})
   * @param states the runtimes' state files
   * @param netnsDir the named network namespaces of {@code ip netns} ({@code /run/netns})
   */
  public ProcessIdentities(Path proc, Path cgroupRoot, ContainerStates states, Path netnsDir) {
    this.procPrefix = proc.toString() + "/";
    this.limits = new CgroupLimits(cgroupRoot);
    this.states = states;
    this.netnsDir = netnsDir;
  }

  /** The cgroups of a process; {@link Cgroups#NONE} when it is gone or unreadable. */
  public synchronized Cgroups cgroups(int pid) {
    if (!buf.read(procPrefix + pid + "/cgroup") || buf.length() > 64 * 1024) {
      return Cgroups.NONE;
    }
    return Cgroups.parse(buf.text());
  }

  /** The unit, slice and container of a process. */
  public Identity identity(int pid) {
    return identity(cgroups(pid));
  }

  /** The unit, slice and container the cgroups name. */
  public synchronized Identity identity(Cgroups cgroups) {
    if (cgroups == Cgroups.NONE) {
      return Identity.NONE;
    }
    Placement p = CgroupPaths.placement(cgroups);
    if (p == Placement.NONE) {
      return Identity.NONE;
    }
    ContainerInfo c = p.container() == null ? null : states.describe(p.container());
    return new Identity(p.unit(), p.slice(), c);
  }

  /** The identities of many processes. */
  public Map<Integer, Identity> identities(Iterable<Integer> pids) {
    Map<Integer, Identity> out = new HashMap<>();
    for (int pid : pids) {
      Identity id = identity(pid);
      if (id != Identity.NONE) {
        out.put(pid, id);
      }
    }
    return out;
  }

  /** A process's namespaces; -1 for each link it could not read (another user's, when not root). */
  public synchronized Namespaces namespaces(int pid) {
    String dir = procPrefix + pid + "/ns/";
    long net = link(dir, "net");
    Namespaces ns = new Namespaces(net, link(dir, "pid"), link(dir, "mnt"), link(dir, "uts"));
    if (net < 0 && Files.isDirectory(Path.of(dir))) {
      namespacesDenied++;
    }
    return ns;
  }

  /**
   * The host's namespaces: PID 1's, or — where even root cannot read PID 1's, as in some sandboxes
   * — a kernel thread's ({@code kthreadd}, PID 2), which always runs in the initial ones.
   */
  public synchronized Namespaces hostNamespaces() {
    if (host == null) {
      host = Namespaces.UNKNOWN;
      hostPid = 0;
      Namespaces one = rawNamespaces(1);
      if (one.net() >= 0) {
        host = one;
        hostPid = 1;
      } else if (kernelThread(2)) {
        Namespaces two = rawNamespaces(2);
        if (two.net() >= 0) {
          host = two;
          hostPid = 2;
        }
      }
    }
    return host;
  }

  /** The process whose namespaces are the host's (1 or 2), 0 when neither could be read. */
  public synchronized int hostReference() {
    hostNamespaces();
    return hostPid;
  }

  /**
   * A process's network namespace named: by {@code ip netns}, by its container when it is not the
   * host's, {@code host} when it is the host's, else no name; null when the link is unreadable.
   */
  public NetworkNamespace netns(int pid, Identity identity) {
    return netns(namespaces(pid).net(), identity);
  }

  /** The network namespace {@code inode} named as {@link #netns(int, Identity)} does. */
  public synchronized NetworkNamespace netns(long inode, Identity identity) {
    if (inode < 0) {
      return null;
    }
    String name = netnsNames().get(inode);
    if (name == null) {
      boolean isHost = inode == hostNamespaces().net();
      if (!isHost && identity != null && identity.container() != null) {
        name = identity.container().label();
      } else if (isHost) {
        name = "host";
      }
    }
    return new NetworkNamespace(inode, name);
  }

  /** The limits of a process's cgroups against their use. */
  public ResourceLimits limits(Cgroups cgroups) {
    return cgroups == Cgroups.NONE ? ResourceLimits.NONE : limits.read(cgroups);
  }

  /** How many processes' namespaces could not be read so far. */
  public synchronized int namespacesDenied() {
    return namespacesDenied;
  }

  /** State-file roots that exist but could not be read (names and images hidden). */
  public Set<String> hiddenStates() {
    return states.hidden();
  }

  /** {@code ip netns} names by inode: each entry of the directory, or the link it is. */
  private Map<Long, String> netnsNames() {
    if (netnsNames == null) {
      Map<Long, String> names = new HashMap<>();
      try (var entries = Files.list(netnsDir)) {
        for (Path e : (Iterable<Path>) entries::iterator) {
          long ino = -1;
          try {
            Object v = Files.getAttribute(e, "unix:ino");
            ino = v instanceof Long l ? l : -1;
          } catch (IOException | RuntimeException notThere) {
            // a link to a namespace by its text (net:[N]) rather than to a file
            try {
              ino = Namespaces.parseLink("net", Files.readSymbolicLink(e).toString());
            } catch (IOException | RuntimeException notALink) {
              ino = -1;
            }
          }
          if (ino >= 0) {
            names.putIfAbsent(ino, e.getFileName().toString());
          }
          if (names.size() > 10_000) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        // no named namespaces
      }
      netnsNames = names;
    }
    return netnsNames;
  }

  private Namespaces rawNamespaces(int pid) {
    String dir = procPrefix + pid + "/ns/";
    return new Namespaces(link(dir, "net"), link(dir, "pid"), link(dir, "mnt"), link(dir, "uts"));
  }

  private boolean kernelThread(int pid) {
    if (!buf.readLine(procPrefix + pid + "/stat")) {
      return false;
    }
    try {
      return ProcfsParser.parseStat(buf.bytes(), buf.length()).kernelThread();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static long link(String dir, String kind) {
    try {
      return Namespaces.parseLink(kind, Files.readSymbolicLink(Path.of(dir + kind)).toString());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
