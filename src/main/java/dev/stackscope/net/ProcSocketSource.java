package dev.stackscope.net;

import dev.stackscope.os.Accounts;
import dev.stackscope.os.FileBytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sockets from Linux's {@code /proc/net/{tcp,tcp6,udp,udp6}} (this process's network namespace),
 * owners from the {@code /proc/[pid]/fd} socket-inode links. The root is configurable so tests can
 * read a fixture tree.
 */
public final class ProcSocketSource implements SocketSource {
  private final Path proc;
  private final Accounts accounts;

  /** Listeners from netlink when it is on and {@code proc} is this system's /proc; else null. */
  private final TcpDiag diag;

  /** Reads everything from {@code proc} (a fixture tree, or /proc without netlink). */
  public ProcSocketSource(Path proc, Accounts accounts) {
    this(proc, accounts, null);
  }

  /**
   * As {@link #ProcSocketSource(Path, Accounts)}, with listening TCP sockets from {@code diag}
   * while it is on; used only when {@code proc} is this system's {@code /proc} (netlink answers for
   * the live kernel, never for a fixture tree).
   */
  public ProcSocketSource(Path proc, Accounts accounts, TcpDiag diag) {
    this.proc = proc;
    this.accounts = accounts;
    this.diag = diag != null && proc.equals(Path.of("/proc")) ? diag : null;
  }

  @Override
  public SocketSnapshot read(SocketRequest request) {
    return read(request, null);
  }

  /**
   * Reads the tables, then walks the processes' descriptors for the owners of the sockets {@code
   * needsOwners} accepts (null: all): only their holders have their names and users read, and no
   * walk happens when no socket needs owners.
   */
  @Override
  public SocketSnapshot read(SocketRequest request, Predicate<SocketEntry> needsOwners) {
    List<String> problems = new ArrayList<>();
    List<SocketEntry> sockets = new ArrayList<>();
    for (Protocol protocol : Protocol.values()) {
      if (!request.protocols().contains(protocol)) {
        continue;
      }
      if (request.ipv4()) {
        read(protocol, 4, request.listeningOnly(), sockets, problems);
      }
      if (request.ipv6()) {
        read(protocol, 6, request.listeningOnly(), sockets, problems);
      }
    }
    if (!request.owners() || sockets.isEmpty()) {
      return new SocketSnapshot(sockets, 0, problems);
    }
    Set<Long> wanted = null;
    if (needsOwners != null) {
      wanted = new HashSet<>();
      for (SocketEntry s : sockets) {
        if (s.inode() != 0 && needsOwners.test(s)) {
          wanted.add(s.inode());
        }
      }
      if (wanted.isEmpty()) {
        return new SocketSnapshot(sockets, 0, problems);
      }
    }
    return SocketOwnerScan.scan(proc, accounts, wanted)
        .withOwners(new SocketSnapshot(sockets, 0, problems));
  }

  /**
   * One protocol and IP version: listening TCP sockets from netlink when this source's {@link
   * TcpDiag} is on (a long-lived process turned it on), everything else from /proc/net.
   */
  private void read(
      Protocol protocol,
      int ipVersion,
      boolean listeningOnly,
      List<SocketEntry> into,
      List<String> problems) {
    if (listeningOnly && protocol == Protocol.TCP && diag != null) {
      Optional<List<SocketEntry>> listeners = diag.listeners(ipVersion);
      if (listeners.isPresent()) {
        into.addAll(listeners.get());
        return;
      }
    }
    readTable(protocol, ipVersion, into, problems);
  }

  private void readTable(
      Protocol protocol, int ipVersion, List<SocketEntry> into, List<String> problems) {
    readTable(proc.resolve("net"), protocol, ipVersion, into, problems);
  }

  /** One table of a {@code net} directory: {@code /proc/net}, or another namespace's. */
  static void readTable(
      Path netDir,
      Protocol protocol,
      int ipVersion,
      List<SocketEntry> into,
      List<String> problems) {
    String name = protocol.toString() + (ipVersion == 6 ? "6" : "");
    Path file = netDir.resolve(name);
    // java.io rather than Files.readString: no NIO channel classes to load for four small files
    FileBytes bytes = new FileBytes(16384);
    if (!bytes.read(file.toString())) {
      if (file.toFile().exists()) {
        problems.add("cannot read " + file + ": " + bytes.error());
      }
      // else no IPv6 (or no UDP) in this kernel or namespace: nothing to list, nothing wrong
      return;
    }
    byte[] b = bytes.bytes();
    int length = bytes.length();
    for (int i = 0; i < length; i++) {
      if (b[i] < 0) {
        problems.add("cannot read " + file + ": not ASCII text");
        return;
      }
    }
    try {
      into.addAll(ProcNetParser.parse(b, length, protocol, ipVersion));
    } catch (RuntimeException e) {
      problems.add("cannot read " + file + ": " + e.getMessage());
    }
  }
}
