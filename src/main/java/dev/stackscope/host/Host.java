package dev.stackscope.host;

import dev.stackscope.container.ContainerStates;
import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.net.InterfaceSource;
import dev.stackscope.net.Links;
import dev.stackscope.net.PortService;
import dev.stackscope.net.ProcSocketSource;
import dev.stackscope.net.ServiceNames;
import dev.stackscope.net.SocketSource;
import dev.stackscope.net.SystemInterfaceSource;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.os.Accounts;
import dev.stackscope.process.OshiProcessSource;
import dev.stackscope.process.ProcessInspector;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcfsProcessSource;
import dev.stackscope.process.SignalSender;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Where one run reads the host from: the {@code /proc} root, {@code /sys}, {@code /etc} (accounts,
 * hosts, resolv.conf), the clock and time zone, the sock_diag netlink reader, the interface source
 * the signal sender, and where containers and units are read from (the cgroup file system, the
 * runtimes' state files, {@code /run/netns}). Built at the entry ({@code Main} for a fresh JVM, the
 * warm server once per served run) and handed to the commands by the root command; nothing below
 * reaches for the live system itself, so every host command can run against a fixture tree (golden
 * tests).
 *
 * <p>Construction is cheap: each source is made on first use (a run of {@code ps} never loads the
 * socket or interface classes, and JNA is loaded only to send a signal or turn netlink on). Sources
 * are per instance: a {@link Host} is used by one run at a time.
 */
public final class Host {
  private static final Path LIVE_PROC = Path.of("/proc");
  private static final Path LIVE_ETC = Path.of("/etc");

  private final Path proc;
  private final Path sys;
  private final Path etc;
  private Clock clock;
  private Boolean runningAsRoot;
  private final TcpDiag tcpDiag;
  private final long pageSize;
  private final Links links;
  private final Supplier<SignalSender> signalSender;
  private final Path cgroupRoot;
  private final Path dockerRoot;
  private final Path containersRoot;
  private final Path containerdState;
  private final Path netnsDir;
  private ProcessIdentities identities;

  private final dev.stackscope.net.NamespaceLabels netnsLabels;
  private final Supplier<String> natRules;
  private final Supplier<String> nftRuleset;
  private dev.stackscope.net.NetnsSockets netnsSockets;

  private Accounts accounts;
  private ProcessSource processes;
  private SocketSource sockets;
  private InterfaceSource interfaces;
  private SignalSender signals;

  private Host(Builder b) {
    this.proc = b.proc;
    this.sys = b.sys;
    this.etc = b.etc;
    this.clock = b.clock;
    this.runningAsRoot = b.runningAsRoot;
    this.tcpDiag = b.tcpDiag != null ? b.tcpDiag : new TcpDiag();
    this.pageSize = b.pageSize;
    this.links = b.links;
    this.signalSender = b.signals;
    this.processes = b.processes;
    this.cgroupRoot = b.cgroupRoot != null ? b.cgroupRoot : b.sys.resolve("fs/cgroup");
    this.dockerRoot = b.dockerRoot;
    this.containersRoot = b.containersRoot;
    this.containerdState = b.containerdState;
    this.netnsDir = b.netnsDir;

    this.netnsLabels = b.netnsLabels;
    this.natRules = b.natRules;
    this.nftRuleset = b.nftRuleset;
  }

  /** This machine as a fresh JVM sees it: /proc, /sys, /etc, the system clock, netlink off. */
  public static Host live() {
    return builder().build();
  }

  /** This machine, with listening sockets from {@code diag} while it is on (the warm server). */
  public static Host live(TcpDiag diag) {
    return builder().tcpDiag(diag).build();
  }

  /** A builder whose defaults are the live machine's; tests replace the parts they fix. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code /proc} root. */
  public Path proc() {
    return proc;
  }

  /**
   * Whether this run is root's: words the notes about what was hidden (root sees other users'
   * processes). The warm server serves only callers of its own user, so its answer is theirs.
   */
  public synchronized boolean runningAsRoot() {
    if (runningAsRoot == null) {
      runningAsRoot = Accounts.runningAsRoot();
    }
    return runningAsRoot;
  }

  /** The run's clock; its zone is the one times are shown in. */
  public synchronized Clock clock() {
    if (clock == null) {
      clock = Clock.systemDefaultZone(); // not before a command asks: the zone's rules cost a read
    }
    return clock;
  }

  /** The hosts file consulted before DNS ({@code /etc/hosts}). */
  public Path hostsFile() {
    return etc.resolve("hosts");
  }

  /** The machine's identity, {@code /etc/machine-id} (a snapshot's {@code host.machineId}). */
  public Path machineIdFile() {
    return etc.resolve("machine-id");
  }

  /** The system-wide role rules of {@code stack} ({@code /etc/stackscope/roles.rules}). */
  public Path roleRulesFile() {
    return etc.resolve("stackscope").resolve("roles.rules");
  }

  /** The sock_diag reader: off in a fresh JVM; a long-lived run may turn it on. */
  public TcpDiag tcpDiag() {
    return tcpDiag;
  }

  /** User and group names. */
  public synchronized Accounts accounts() {
    if (accounts == null) {
      // the live /etc's accounts are cached across runs while passwd and group are unchanged
      accounts = etc.equals(LIVE_ETC) ? Accounts.system() : new Accounts(etc);
    }
    return accounts;
  }

  /** Processes: the lean /proc reader, or OSHI on a live system without /proc. */
  public synchronized ProcessSource processes() {
    if (processes == null) {
      if (proc.equals(LIVE_PROC) && !new File("/proc/self/stat").canRead()) {
        processes = new OshiProcessSource();
      } else {
        processes =
            pageSize > 0
                ? new ProcfsProcessSource(proc, accounts(), pageSize)
                : new ProcfsProcessSource(proc, accounts());
      }
    }
    return processes;
  }

  /** Unix sockets (ports --unix, stack's Unix edges) through this host's sock_diag reader. */
  public dev.stackscope.net.UnixSocketService unixSockets() {
    return dev.stackscope.net.UnixSocketService.live(tcpDiag, proc, accounts());
  }

  /** The TCP listeners' accept queues and backlogs (netlink on the live /proc). */
  public dev.stackscope.net.ListenQueues listenQueues() {
    return dev.stackscope.net.ListenQueues.read(proc, tcpDiag);
  }

  /** The kernel's network counters ({@code <proc>/net/netstat}), or null when unreadable. */
  public dev.stackscope.net.NetStat netStat() {
    return dev.stackscope.net.NetStat.read(proc);
  }

  /** One process's details (environment, descriptors, ...), or null without a /proc reader. */
  public ProcessInspector inspector() {
    return processes() instanceof ProcfsProcessSource p ? new ProcessInspector(p) : null;
  }

  /** Sockets from {@code <proc>/net} and their owners; listeners from netlink while it is on. */
  public synchronized SocketSource sockets() {
    if (sockets == null) {
      sockets = new ProcSocketSource(proc, accounts(), tcpDiag);
    }
    return sockets;
  }

  /** Who holds which port, with the bundled service names. */
  public PortService ports() {
    return new PortService(sockets(), ServiceNames.bundled());
  }

  /** The sockets of every network namespace (ports --all-netns, published ports). */
  public synchronized dev.stackscope.net.NetnsSockets netnsSockets() {
    if (netnsSockets == null) {
      netnsSockets =
          new dev.stackscope.net.NetnsSockets(proc, accounts(), sockets(), namespaceLabels())
              .withDiag(tcpDiag);
    }
    return netnsSockets;
  }

  /**
   * Names of network namespaces: the ones given to the builder, else as {@link #identities} names
   * them — {@code ip netns}'s name, the container of the namespace's first process, {@code host}
   * for the host's — so that ports, stack and ps/proc call one namespace by one name.
   */
  private dev.stackscope.net.NamespaceLabels namespaceLabels() {
    if (netnsLabels != null) {
      return netnsLabels;
    }
    return (inode, pids) -> {
      ProcessIdentities ids = identities();
      ProcessIdentities.Identity id =
          pids.isEmpty() ? ProcessIdentities.Identity.NONE : ids.identity(pids.get(0));
      var named = ids.netns(inode, id);
      return named == null ? null : named.name();
    };
  }

  /** Ports across network namespaces, and where published ports lead. */
  public dev.stackscope.net.NetnsPortService netnsPorts() {
    return new dev.stackscope.net.NetnsPortService(
        netnsSockets(),
        ServiceNames.bundled(),
        new dev.stackscope.net.PublishedPorts(netnsSockets(), natRules, nftRuleset));
  }

  /** The stack's snapshot across namespaces ({@code others}: every one, else the current). */
  public dev.stackscope.stack.NetnsStackSnapshot netnsStack(
      dev.stackscope.stack.StackSampler.Snapshot snapshot, boolean others) {
    return new dev.stackscope.stack.NetnsStackSnapshot(
            snapshot,
            netnsSockets(),
            new dev.stackscope.net.PublishedPorts(netnsSockets(), natRules, nftRuleset),
            others)
        .withIdentities(identities());
  }

  /** Interfaces, gateways, the host's names and DNS servers. */
  public synchronized InterfaceSource interfaces() {
    if (interfaces == null) {
      interfaces =
          new SystemInterfaceSource(
              sys, proc, etc.resolve("resolv.conf"), links != null ? links : Links.jdk());
    }
    return interfaces;
  }

  /**
   * Units, containers, namespaces and cgroup limits of processes, from {@code /proc}, the cgroup
   * file system, the runtimes' state files and {@code /run/netns}; one per run.
   */
  public synchronized ProcessIdentities identities() {
    if (identities == null) {
      identities =
          new ProcessIdentities(
              proc,
              cgroupRoot,
              new ContainerStates(dockerRoot, containersRoot, containerdState),
              netnsDir);
    }
    return identities;
  }

  /** The interfaces as the kernel lists them, with their addresses (ip --here). */
  public Links links() {
    return links != null ? links : Links.jdk();
  }

  /** Sends signals (libc kill() on the live system). */
  public synchronized SignalSender signals() {
    if (signals == null) {
      signals = signalSender != null ? signalSender.get() : SignalSender.libc();
    }
    return signals;
  }

  /** The parts of a {@link Host}; each defaults to the live machine's. */
  public static final class Builder {
    private Path proc = LIVE_PROC;
    private Path sys = Path.of("/sys");
    private Path etc = LIVE_ETC;
    private Clock clock;
    private Boolean runningAsRoot;
    private TcpDiag tcpDiag;
    private long pageSize = -1;
    private Links links;
    private Supplier<SignalSender> signals;
    private ProcessSource processes;
    private Path cgroupRoot;
    private Path dockerRoot = Path.of("/var/lib/docker");
    private Path containersRoot = Path.of("/var/lib/containers");
    private Path containerdState = Path.of("/run/containerd");
    private Path netnsDir = Path.of("/run/netns");

    private Builder() {}

    /** The cgroup file system (default: {@code fs/cgroup} under {@link #sys}). */
    public Builder cgroupRoot(Path cgroupRoot) {
      this.cgroupRoot = cgroupRoot;
      return this;
    }

    /** Docker's data root, with {@code containers/ID/config.v2.json} (default /var/lib/docker). */
    public Builder dockerRoot(Path dockerRoot) {
      this.dockerRoot = dockerRoot;
      return this;
    }

    /** The parent of containers/storage, podman's and CRI-O's (default /var/lib/containers). */
    public Builder containersRoot(Path containersRoot) {
      this.containersRoot = containersRoot;
      return this;
    }

    /** containerd's state, with its tasks' OCI bundles (default /run/containerd). */
    public Builder containerdState(Path containerdState) {
      this.containerdState = containerdState;
      return this;
    }

    /** The directory of {@code ip netns}'s named namespaces (default /run/netns). */
    public Builder netnsDir(Path netnsDir) {
      this.netnsDir = netnsDir;
      return this;
    }

    private dev.stackscope.net.NamespaceLabels netnsLabels;
    private Supplier<String> natRules = new dev.stackscope.net.IptablesSave();
    private Supplier<String> nftRuleset = new dev.stackscope.net.NftRuleset();

    /**
     * Names of network namespaces (default: {@code ip netns}'s from {@link #netnsDir}, a
     * container's name, {@code host}: as ps and proc name them).
     */
    public Builder netnsLabels(dev.stackscope.net.NamespaceLabels labels) {
      this.netnsLabels = labels;
      return this;
    }

    /** The NAT table as {@code iptables-save -t nat} prints it (default: that program's output). */
    public Builder natRules(Supplier<String> rules) {
      this.natRules = rules;
      return this;
    }

    /** The nftables ruleset as {@code nft -j list ruleset} prints it (default: that output). */
    public Builder nftRuleset(Supplier<String> ruleset) {
      this.nftRuleset = ruleset;
      return this;
    }

    /** The process source itself (default: the /proc reader of {@link #proc}). */
    public Builder processes(ProcessSource processes) {
      this.processes = processes;
      return this;
    }

    /** The {@code /proc} root (a fixture tree in tests). */
    public Builder proc(Path proc) {
      this.proc = proc;
      return this;
    }

    /** The {@code /sys} root (link speeds). */
    public Builder sys(Path sys) {
      this.sys = sys;
      return this;
    }

    /** The directory of passwd, group, hosts and resolv.conf. */
    public Builder etc(Path etc) {
      this.etc = etc;
      return this;
    }

    /** Whether the run is root's (default: whether this process is, from /proc/self). */
    public Builder runningAsRoot(boolean root) {
      this.runningAsRoot = root;
      return this;
    }

    /** The clock, and with it the zone times are shown in. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The sock_diag reader (default: a new one, off). */
    public Builder tcpDiag(TcpDiag tcpDiag) {
      this.tcpDiag = tcpDiag;
      return this;
    }

    /** The memory page size for /proc's page counts (default: this machine's). */
    public Builder pageSize(long pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** The interfaces as the kernel lists them (default: the JDK's). */
    public Builder links(Links links) {
      this.links = links;
      return this;
    }

    /** The signal sender (default: libc kill()). */
    public Builder signals(SignalSender signals) {
      this.signals = () -> signals;
      return this;
    }

    public Host build() {
      return new Host(this);
    }
  }
}
