package dev.stackscope.net;

import dev.stackscope.net.UnixSocket.Kind;
import dev.stackscope.net.UnixSocket.Peer;
import dev.stackscope.net.UnixSocket.SocketFile;
import dev.stackscope.os.Accounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ports --unix}: the Unix sockets a query selects, with their holders, their peers' holders
 * and, for a socket bound to a path and waiting for peers, the socket file and who can connect.
 * Holders come from the same walk over {@code /proc/[pid]/fd} as TCP's ({@link SocketOwnerScan}).
 */
public final class UnixSocketService {
  private final UnixSocketReader reader;
  private final Path proc;
  private final Accounts accounts;

  public UnixSocketService(UnixSocketReader reader, Path proc, Accounts accounts) {
    this.reader = reader;
    this.proc = proc;
    this.accounts = accounts;
  }

  /**
   * The live system: sock_diag through {@code diag} (loaded on the first read if no long-lived
   * process has done it: JNA, on whichever thread reads), {@code proc} and {@code accounts}.
   * Without netlink the report says it is unavailable.
   */
  public static UnixSocketService live(TcpDiag diag, Path proc, Accounts accounts) {
    return new UnixSocketService(new LiveReader(diag), proc, accounts);
  }

  private static final class LiveReader implements UnixSocketReader {
    private final TcpDiag diag;

    LiveReader(TcpDiag diag) {
      this.diag = diag;
    }

    @Override
    public Optional<List<UnixDiag.Entry>> sockets() {
      if (!diag.enable()) {
        return Optional.empty();
      }
      return new UnixDiag(diag).sockets();
    }
  }

  /** Paths first (by name), then abstract names, then unnamed sockets; by inode within. */
  private static final Comparator<UnixSocket> ORDER =
      Comparator.comparingInt((UnixSocket s) -> s.name() == null ? 2 : s.abstractName() ? 1 : 0)
          .thenComparing(s -> s.name() == null ? "" : s.name())
          .thenComparingLong(UnixSocket::inode);

  /** The sockets {@code query} selects now, with their holders (a walk for them alone). */
  public UnixReport sockets(UnixQuery query) {
    return sockets(query, read(), null);
  }

  /**
   * Every socket's holders under this service's {@code /proc}: one walk, for a caller that needs
   * TCP sockets' holders too ({@link SocketOwnerScan#withOwners}).
   */
  public SocketOwnerScan walk() {
    return SocketOwnerScan.scan(proc, accounts);
  }

  /** Every Unix socket as the kernel lists it now (the first half of {@link #sockets}). */
  public Optional<List<UnixDiag.Entry>> read() {
    return reader.sockets();
  }

  /**
   * The sockets of {@code read} (from {@link #read}) that {@code query} selects, with holders from
   * {@code walked}, a walk over every socket made by the caller for its TCP sockets too ({@code
   * stack}); null: walks here, for the selected sockets and their peers only.
   */
  public UnixReport sockets(
      UnixQuery query, Optional<List<UnixDiag.Entry>> read, SocketOwnerScan walked) {
    if (read.isEmpty()) {
      return new UnixReport(
          false,
          List.of(),
          0,
          0,
          List.of("cannot list Unix sockets: the kernel's sock_diag netlink is not available"));
    }
    Map<Long, UnixDiag.Entry> byInode = new HashMap<>();
    List<UnixDiag.Entry> candidates = new ArrayList<>();
    Set<Long> wanted = new HashSet<>();
    for (UnixDiag.Entry e : read.get()) {
      byInode.put(e.inode(), e);
      if (query.selectsWithoutOwners(state(e.state()))) {
        candidates.add(e);
        wanted.add(e.inode());
        if (e.peer() != 0) {
          wanted.add(e.peer());
        }
      }
    }
    SocketOwnerScan scan =
        walked != null || candidates.isEmpty()
            ? walked
            : SocketOwnerScan.scan(proc, accounts, wanted);
    List<UnixSocket> selected = new ArrayList<>();
    long hidden = 0;
    for (UnixDiag.Entry e : candidates) {
      List<SocketOwner> owners = scan.owners(e.inode());
      if (!query.selectsOwners(owners)) {
        continue;
      }
      if (owners.isEmpty() && scan.unreadableProcesses() > 0) {
        hidden++;
      }
      selected.add(socket(e, owners, byInode, scan));
    }
    selected.sort(ORDER);
    int unreadable = scan == null ? 0 : scan.unreadableProcesses();
    return new UnixReport(true, selected, hidden, unreadable, List.of());
  }

  /** The kernel's state code as ss names it: 7 (TCP_CLOSE) is UNCONN for every Unix socket. */
  static SocketState state(int code) {
    return code == 7 ? SocketState.UNCONNECTED : SocketState.fromKernelCode(code, Protocol.TCP);
  }

  private UnixSocket socket(
      UnixDiag.Entry e,
      List<SocketOwner> owners,
      Map<Long, UnixDiag.Entry> byInode,
      SocketOwnerScan scan) {
    SocketState state = state(e.state());
    Peer peer = null;
    if (e.peer() != 0) {
      UnixDiag.Entry other = byInode.get(e.peer());
      peer = new Peer(e.peer(), other == null ? null : other.name(), scan.owners(e.peer()));
    }
    SocketFile file = null;
    ConnectAccess access = null;
    if (state.isListening() && e.name() != null) {
      if (e.abstractName()) {
        access = ConnectAccess.ABSTRACT;
      } else {
        FileCheck check = check(e, owners);
        file = check.file;
        access = check.access;
      }
    }
    return new UnixSocket(
        e.inode(),
        Kind.of(e.type()),
        state,
        e.name(),
        e.abstractName(),
        e.receiveQueue(),
        e.sendQueue(),
        e.uid(),
        owners,
        peer,
        file,
        access);
  }

  private record FileCheck(SocketFile file, ConnectAccess access) {}

  private static final FileCheck GONE =
      new FileCheck(new SocketFile(false, null, null, null, null, null), ConnectAccess.GONE);

  /**
   * The socket file as it is now, looked for where the holders see it: in this mount namespace,
   * then under each holder's root ({@code /proc/PID/root}: a container); a relative name from the
   * holder's working directory. A file whose inode is not the one bound is not this socket's.
   */
  private FileCheck check(UnixDiag.Entry e, List<SocketOwner> owners) {
    List<Path> bases = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (e.name().startsWith("/")) {
      bases.add(Path.of("/"));
      names.add(e.name());
    }
    for (SocketOwner o : owners) {
      Path pidDir = proc.resolve(Integer.toString(o.pid()));
      String name = e.name();
      if (!name.startsWith("/")) {
        try {
          String cwd = Files.readSymbolicLink(pidDir.resolve("cwd")).toString();
          name = (cwd.endsWith("/") ? cwd : cwd + "/") + name;
        } catch (IOException | RuntimeException ex) {
          continue;
        }
        bases.add(Path.of("/"));
        names.add(name);
      }
      bases.add(pidDir.resolve("root"));
      names.add(name);
    }
    boolean unreadable = false;
    for (int i = 0; i < bases.size(); i++) {
      Path base = bases.get(i);
      String[] parts = names.get(i).substring(1).split("/");
      Path file = base;
      List<Path> chain = new ArrayList<>();
      for (String part : parts) {
        if (!part.isEmpty()) {
          chain.add(file);
          file = file.resolve(part);
        }
      }
      Map<String, Object> a;
      try {
        a = Files.readAttributes(file, "unix:ino,uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | RuntimeException ex) {
        unreadable |= ex instanceof java.nio.file.AccessDeniedException;
        continue;
      }
      if (e.fileInode() != 0 && ((Number) a.get("ino")).longValue() != e.fileInode()) {
        continue; // another file now has this name: the socket's own was removed
      }
      ConnectAccess.Mode mode = mode(a);
      // the directories a caller searches, from the root down to the parent
      List<ConnectAccess.Mode> dirs = new ArrayList<>();
      try {
        for (Path d : chain) {
          dirs.add(mode(Files.readAttributes(d, "unix:uid,gid,mode")));
        }
      } catch (IOException | RuntimeException ex) {
        return new FileCheck(file(mode), ConnectAccess.UNREADABLE);
      }
      String fileName = parts[parts.length - 1];
      ConnectAccess access = ConnectAccess.decide(mode, dirs, e.uid(), fileName);
      if (access.gid() != null) {
        access = access.withGroup(accounts.groupName(access.gid()));
      }
      return new FileCheck(file(mode), access);
    }
    return unreadable ? new FileCheck(null, ConnectAccess.UNREADABLE) : GONE;
  }

  private SocketFile file(ConnectAccess.Mode m) {
    return new SocketFile(
        true, m.uid(), accounts.userName(m.uid()), m.gid(), accounts.groupName(m.gid()), m.bits());
  }

  private static ConnectAccess.Mode mode(Map<String, Object> a) {
    return new ConnectAccess.Mode(
        ((Number) a.get("uid")).intValue(),
        ((Number) a.get("gid")).intValue(),
        ((Number) a.get("mode")).intValue() & 07777);
  }
}
