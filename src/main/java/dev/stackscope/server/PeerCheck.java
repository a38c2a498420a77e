package dev.stackscope.server;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a client may be served: a run in the server has the server's privileges and sees the
 * server's files, so it must be a run that would have had the same ones in a fresh JVM. The peer
 * (its PID from SO_PEERCRED, never from the request, which the client writes) must have the
 * server's credentials, as {@code /proc/PID/status} shows them: user and group ids, supplementary
 * groups, capability sets, no_new_privs and seccomp. A caller that dropped {@code CAP_KILL} from
 * its bounding set must not have {@code signal} done by a server that kept it.
 *
 * <p>The mount namespace is compared, not keyed on (the socket's name leaves it out: {@code ip
 * netns exec} makes a new one for every run, and every run would start a server of its own): a peer
 * in another mount namespace is served only when its mount table is the server's, mount for mount
 * (device, root, mount point, options, type, source; not the ids and propagation that a copied
 * namespace changes). A run under {@code unshare -m} with {@code /etc/hosts} bind-mounted over sees
 * another file, and is declined.
 */
final class PeerCheck {
  /** The lines of {@code /proc/PID/status} that must be equal (absent in both counts as equal). */
  static final List<String> CREDENTIALS =
      List.of(
          "Uid",
          "Gid",
          "Groups",
          "CapInh",
          "CapPrm",
          "CapEff",
          "CapBnd",
          "CapAmb",
          "NoNewPrivs",
          "Seccomp",
          "Seccomp_filters");

  /**
   * {@code /proc/PID/stat} start times and {@code /proc/uptime} in USER_HZ ticks (100 on Linux).
   */
  private static final int TICKS_PER_SECOND = 100;

  private static final int ESRCH = 3;

  /**
   * The socket option numbers of this JVM's architecture: SOL_SOCKET, SO_PEERCRED and SO_PEERPIDFD
   * (-1: not used here), from the kernel's {@code asm/socket.h}. Most architectures take
   * asm-generic's (1, 17, 77); PowerPC renumbers the low options (SO_PEERCRED 21); MIPS and SPARC
   * use SOL_SOCKET 0xffff with their own numbers. Null for an architecture not listed: then nobody
   * is served (a fresh JVM runs every command), rather than a wrong option being asked.
   */
  static int[] socketOptions(String arch) {
    return switch (arch) {
      case "amd64",
          "x86_64",
          "x86",
          "i386",
          "i486",
          "i586",
          "i686",
          "aarch64",
          "arm",
          "arm64",
          "riscv64",
          "s390x",
          "loongarch64" ->
          new int[] {1, 17, 77};
      case "ppc64", "ppc64le", "ppc" -> new int[] {1, 21, 77};
      case "mips", "mipsel", "mips64", "mips64el" -> new int[] {0xffff, 18, -1};
      case "sparc", "sparcv9" -> new int[] {0xffff, 0x40, -1};
      default -> null;
    };
  }

  private static final int[] OPTIONS = socketOptions(System.getProperty("os.arch", ""));

  private final Path proc;
  private final Map<String, String> own;
  private final String ownMountNamespace;

  /** The server's own credentials and mount namespace, read once from {@code proc}/self. */
  PeerCheck(Path proc) throws IOException {
    this.proc = proc;
    this.own = credentials(Files.readString(proc.resolve("self/status")));
    this.ownMountNamespace = mountNamespace(proc.resolve("self"));
    try {
      libc(); // JNA loaded now, not while the first client waits
    } catch (LinkageError e) {
      // then every client is declined, with the reason (see peer)
    }
  }

  /**
   * The process that connected, pinned against the reuse of its PID: a pidfd (SO_PEERPIDFD, Linux
   * 6.5+) that refers to that very process, or -1; and the time (ticks since boot) before the check
   * began, when it was already connected.
   */
  record Peer(long pid, int pidfd, long connectedBy) implements AutoCloseable {
    @Override
    public void close() {
      if (pidfd >= 0) {
        try {
          libc().close(pidfd);
        } catch (LastErrorException | LinkageError e) {
          // closed or never ours
        }
      }
    }
  }

  /**
   * Why the connected process is not served, or empty when it is. The PID could be another
   * process's by the time its files are read (the caller exits, its PID is reused by a process with
   * other credentials): what was read must be the caller's — the same start time before and after,
   * a start no later than the connection, and with a pidfd, still that same process after reading.
   */
  Optional<String> declineReason(Peer caller) {
    long started;
    try {
      started = startTime(Files.readString(proc.resolve(caller.pid() + "/stat")));
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read the caller's credentials");
    }
    if (started > caller.connectedBy()) {
      return Optional.of("the caller's PID belongs to a process started after it connected");
    }
    Optional<String> reason = declineReason(caller.pid());
    try {
      if (startTime(Files.readString(proc.resolve(caller.pid() + "/stat"))) != started
          || (caller.pidfd() >= 0 && !pidfdRefersTo(caller.pidfd(), caller.pid()))) {
        return Optional.of("the caller exited while its credentials were read");
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("the caller exited while its credentials were read");
    }
    return reason;
  }

  /** Field 22 of a {@code /proc/PID/stat} text: the start time, in ticks since boot. */
  static long startTime(String stat) {
    // after the last ')': the name (field 2) may hold spaces and parentheses
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[22 - 3]);
  }

  /** Ticks since boot now, from a {@code /proc/uptime} text. */
  static long uptimeTicks(String uptime) {
    String seconds = uptime.trim().split("\\s+")[0];
    return new java.math.BigDecimal(seconds)
        .multiply(java.math.BigDecimal.valueOf(TICKS_PER_SECOND))
        .setScale(0, java.math.RoundingMode.CEILING)
        .longValueExact();
  }

  /** Whether the pidfd still refers to a live process with this PID (its fdinfo's Pid line). */
  private boolean pidfdRefersTo(int pidfd, long pid) throws IOException {
    for (String line : Files.readString(proc.resolve("self/fdinfo/" + pidfd)).split("\n")) {
      if (line.startsWith("Pid:")) {
        return line.substring(4).trim().equals(Long.toString(pid));
      }
    }
    return false;
  }

  /** Why the process {@code pid} is not served, or empty when it is. */
  Optional<String> declineReason(long pid) {
    Path peer = proc.resolve(Long.toString(pid));
    try {
      List<String> fields = differences(own, credentials(Files.readString(peer.resolve("status"))));
      if (!fields.isEmpty()) {
        return Optional.of(
            "the caller's credentials differ from the server's ("
                + String.join(", ", fields)
                + ")");
      }
      if (!mountNamespace(peer).equals(ownMountNamespace)
          && !mountTable(Files.readString(peer.resolve("mountinfo")))
              .equals(mountTable(Files.readString(proc.resolve("self/mountinfo"))))) {
        return Optional.of(
            "the caller sees other mounts than the server (another mount namespace)");
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read the caller's credentials");
    }
  }

  private static String mountNamespace(Path process) throws IOException {
    return Files.readSymbolicLink(process.resolve("ns/mnt")).toString();
  }

  /** The {@link #CREDENTIALS} lines of a {@code /proc/PID/status} text, by name. */
  static Map<String, String> credentials(String status) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : status.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && CREDENTIALS.contains(line.substring(0, colon))) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  /** The credentials that differ, by name, in {@link #CREDENTIALS}' order; empty when none. */
  static List<String> differences(Map<String, String> a, Map<String, String> b) {
    List<String> fields = new ArrayList<>();
    for (String field : CREDENTIALS) {
      if (!java.util.Objects.equals(a.get(field), b.get(field))) {
        fields.add(field);
      }
    }
    return fields;
  }

  /**
   * What a {@code /proc/PID/mountinfo} text says about the files a process sees, without what
   * differs between two namespaces with the same mounts: the mounts that are not hidden under
   * another one at the same mount point, each as its mount point, device, root, options, type,
   * source and super options, sorted; not the ids, their order or their propagation (a copied
   * namespace lists the same mounts with new ids, in another order, private).
   */
  static List<String> mountTable(String mountinfo) {
    record Mount(String id, String parent, String point, String text) {}
    List<Mount> mounts = new ArrayList<>();
    for (String line : mountinfo.split("\n")) {
      String[] f = line.split(" ");
      int dash = java.util.Arrays.asList(f).indexOf("-");
      if (line.isBlank()) {
        continue;
      }
      if (f.length < 7 || dash < 6) {
        mounts.add(new Mount(line, "", line, line)); // not the kernel's format: compared whole
        continue;
      }
      StringBuilder text = new StringBuilder(f[4]);
      for (int i : new int[] {2, 3, 5}) {
        text.append(' ').append(f[i]);
      }
      for (int i = dash + 1; i < f.length; i++) {
        text.append(' ').append(f[i]);
      }
      mounts.add(new Mount(f[0], f[1], f[4], text.toString()));
    }
    java.util.Set<String> hidden = new java.util.HashSet<>();
    for (Mount m : mounts) {
      for (Mount under : mounts) {
        if (under.id().equals(m.parent()) && under.point().equals(m.point())) {
          hidden.add(under.id()); // mounted over at the same place: none of its files are seen
        }
      }
    }
    List<String> visible = new ArrayList<>();
    for (Mount m : mounts) {
      if (!hidden.contains(m.id())) {
        visible.add(m.text());
      }
    }
    java.util.Collections.sort(visible);
    return visible;
  }

  /** The one libc function needed. */
  interface CLibrary extends Library {
    int getsockopt(int fd, int level, int name, int[] value, IntByReference length)
        throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static CLibrary libc;

  private static synchronized CLibrary libc() {
    if (libc == null) {
      libc = Native.load("c", CLibrary.class);
    }
    return libc;
  }

  /**
   * The process that connected: its PID (SO_PEERCRED) and, where the kernel has it, a pidfd
   * (SO_PEERPIDFD). The JDK's own SO_PEERCRED option drops the PID; the descriptor comes from the
   * channel's implementation, which the jar's manifest exports to us ({@code Add-Exports:
   * java.base/sun.nio.ch}). Each answer's length is checked: a wrong option number would answer
   * with another option's value.
   *
   * @throws IOException when it cannot be read (then nobody is served)
   */
  Peer peer(SocketChannel channel) throws IOException {
    long connectedBy = uptimeTicks(Files.readString(proc.resolve("uptime")));
    if (OPTIONS == null) {
      throw new IOException(
          "SO_PEERCRED: its number on " + System.getProperty("os.arch") + " is not known");
    }
    int fd;
    try {
      fd = (int) Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal").invoke(channel);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("no access to the socket's descriptor: " + e, e);
    }
    int[] ucred = new int[3]; // struct ucred: pid, uid, gid
    IntByReference length = new IntByReference(12);
    try {
      libc().getsockopt(fd, OPTIONS[0], OPTIONS[1], ucred, length);
    } catch (LastErrorException | LinkageError e) {
      throw new IOException("SO_PEERCRED: " + e.getMessage(), e);
    }
    if (length.getValue() != 12 || ucred[0] <= 0) {
      throw new IOException("SO_PEERCRED gave no PID");
    }
    int pidfd = -1;
    if (OPTIONS[2] >= 0) {
      int[] value = new int[1];
      IntByReference size = new IntByReference(4);
      try {
        libc().getsockopt(fd, OPTIONS[0], OPTIONS[2], value, size);
        pidfd = size.getValue() == 4 ? value[0] : -1;
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ESRCH) {
          throw new IOException("the caller has exited", e); // nobody to check: not served
        }
        // ENOPROTOOPT before Linux 6.5: the start times alone
      }
    }
    return new Peer(ucred[0], pidfd, connectedBy);
  }
}
