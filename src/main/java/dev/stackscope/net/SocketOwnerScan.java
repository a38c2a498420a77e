package dev.stackscope.net;

import dev.stackscope.os.Accounts;
import dev.stackscope.os.FileBytes;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One walk over {@code /proc/[pid]/fd}: which processes hold which socket inodes. The walk is the
 * costly part of listing owners (one readlink per open file on the host), so it runs once per
 * command. Processes that vanish mid-walk are skipped; processes whose descriptors cannot be listed
 * are counted. Public so that a caller reading TCP and Unix sockets at once ({@code stack}) walks
 * once for both ({@link #withOwners}, {@link UnixSocketService#sockets(UnixQuery, Optional,
 * SocketOwnerScan)}).
 */
public final class SocketOwnerScan {
  private final Map<Long, List<SocketOwner>> byInode;
  private final int unreadableProcesses;

  private SocketOwnerScan(Map<Long, List<SocketOwner>> byInode, int unreadableProcesses) {
    this.byInode = byInode;
    this.unreadableProcesses = unreadableProcesses;
  }

  /** Every socket's holders: one walk over every process under {@code proc}. */
  public static SocketOwnerScan scan(Path proc, Accounts accounts) {
    return scan(proc, accounts, null);
  }

  /**
   * Walks every process's descriptors, keeping only the sockets in {@code wanted} (null: every
   * socket). Only the processes holding a kept socket have their name and user read.
   */
  static SocketOwnerScan scan(Path proc, Accounts accounts, Set<Long> wanted) {
    String[] names = proc.toFile().list();
    if (names == null) {
      return new SocketOwnerScan(Map.of(), 0);
    }
    int[] pids = new int[names.length];
    int count = 0;
    for (String name : names) {
      if (isPid(name)) {
        pids[count++] = Integer.parseInt(name);
      }
    }
    return scan(proc, accounts, wanted, pids, count);
  }

  /** As {@link #scan(Path, Accounts, Set)}, over the first {@code count} of {@code pids} only. */
  static SocketOwnerScan scan(
      Path proc, Accounts accounts, Set<Long> wanted, int[] pids, int count) {
    String prefix = proc.toString() + "/";
    // Linux 6.2+ gives a /proc/PID/fd directory's size as its number of open descriptors: a stat
    // then skips a process without any (kernel threads, zombies: most PIDs on a small host) for
    // one system call instead of four. Trusted when our own directory's size says we have some.
    boolean sizeIsCount = new File(prefix + "self/fd").length() > 0;
    // Two walkers above a few hundred processes: readlink on /proc is kernel time per link, and a
    // second core halves the wall of the walk (bench/README.md, ports); below that a thread costs
    // more than it saves at start-up.
    Walk walk;
    if (count >= PARALLEL_FROM) {
      int half = count / 2;
      Walker second = new Walker(proc, prefix, pids, half, count, wanted, sizeIsCount);
      Thread helper = new Thread(second, "fd-walk");
      helper.setDaemon(true);
      helper.start();
      walk = walk(proc, prefix, pids, 0, half, wanted, sizeIsCount);
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SocketOwnerScan(Map.of(), 0);
      }
      walk.addAll(second.result);
    } else {
      walk = walk(proc, prefix, pids, 0, count, wanted, sizeIsCount);
    }
    Map<Long, List<Integer>> pidsByInode = walk.pidsByInode;
    int unreadable = walk.unreadable;
    Map<Integer, SocketOwner> ownerByPid = new HashMap<>();
    Map<Long, List<SocketOwner>> byInode = new HashMap<>(pidsByInode.size() * 2);
    FileBytes buffer = new FileBytes(64);
    for (Map.Entry<Long, List<Integer>> e : pidsByInode.entrySet()) {
      List<Integer> holders = e.getValue();
      holders.sort(null);
      List<SocketOwner> owners = new ArrayList<>(holders.size());
      for (int pid : holders) {
        SocketOwner owner = ownerByPid.get(pid);
        if (owner == null) {
          owner = owner(proc, prefix, accounts, pid, buffer);
          ownerByPid.put(pid, owner);
        }
        owners.add(owner);
      }
      byInode.put(e.getKey(), List.copyOf(owners));
    }
    return new SocketOwnerScan(byInode, unreadable);
  }

  private static final int PARALLEL_FROM = 300;

  /** What one walker found: socket inode → holding pids (in walk order), unreadable count. */
  private static final class Walk {
    final Map<Long, List<Integer>> pidsByInode = new HashMap<>();
    int unreadable;

    void add(long inode, int pid) {
      List<Integer> holders = pidsByInode.get(inode);
      if (holders == null) {
        holders = new ArrayList<>(1);
        pidsByInode.put(inode, holders);
      }
      if (!holders.contains(pid)) {
        holders.add(pid);
      }
    }

    void addAll(Walk other) {
      unreadable += other.unreadable;
      for (Map.Entry<Long, List<Integer>> e : other.pidsByInode.entrySet()) {
        for (int pid : e.getValue()) {
          add(e.getKey(), pid);
        }
      }
    }
  }

  /** The second walker (a class, not a lambda: a lambda's first use costs a bootstrap). */
  private static final class Walker implements Runnable {
    private final Path proc;
    private final String prefix;
    private final int[] pids;
    private final int from;
    private final int to;
    private final Set<Long> wanted;
    private final boolean sizeIsCount;
    Walk result;

    Walker(
        Path proc,
        String prefix,
        int[] pids,
        int from,
        int to,
        Set<Long> wanted,
        boolean sizeIsCount) {
      this.proc = proc;
      this.prefix = prefix;
      this.pids = pids;
      this.from = from;
      this.to = to;
      this.wanted = wanted;
      this.sizeIsCount = sizeIsCount;
    }

    @Override
    public void run() {
      result = walk(proc, prefix, pids, from, to, wanted, sizeIsCount);
    }
  }

  private static Walk walk(
      Path proc,
      String prefix,
      int[] pids,
      int from,
      int to,
      Set<Long> wanted,
      boolean sizeIsCount) {
    Walk walk = new Walk();
    for (int i = from; i < to; i++) {
      int pid = pids[i];
      String pidDir = prefix + pid;
      String fdDir = pidDir + "/fd";
      File fdFile = new File(fdDir);
      if (sizeIsCount && fdFile.length() == 0) {
        continue; // no descriptors (or gone); the size is given for other users' processes too
      }
      String[] fds = fdFile.list();
      if (fds == null) {
        // null: gone (nothing to say) or not ours to read (counted)
        if (new File(pidDir).exists()) {
          walk.unreadable++;
        }
        continue;
      }
      if (fds.length == 0) {
        continue;
      }
      Path dir = proc.getFileSystem().getPath(fdDir);
      for (String fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(dir.resolve(fd)).toString();
        } catch (AccessDeniedException e) {
          // Listable but not readable (a process that is not dumpable, or is guarded by a
          // security module; even root gets EACCES): its other descriptors would say the same.
          walk.unreadable++;
          break;
        } catch (IOException | RuntimeException e) {
          continue; // closed between list and readlink
        }
        long inode = socketInode(target);
        if (inode >= 0 && (wanted == null || wanted.contains(inode))) {
          walk.add(inode, pid);
        }
      }
    }
    return walk;
  }

  /** The processes holding socket {@code inode} (by PID), or none seen. */
  public List<SocketOwner> owners(long inode) {
    return byInode.getOrDefault(inode, List.of());
  }

  /**
   * A snapshot read without owners, with each socket's holders from this walk and its count of
   * processes whose descriptors could not be listed.
   */
  public SocketSnapshot withOwners(SocketSnapshot withoutOwners) {
    List<SocketEntry> owned = new ArrayList<>(withoutOwners.sockets().size());
    for (SocketEntry s : withoutOwners.sockets()) {
      List<SocketOwner> owners = s.inode() == 0 ? List.of() : owners(s.inode());
      owned.add(owners.isEmpty() ? s : s.withOwners(owners));
    }
    return new SocketSnapshot(owned, unreadableProcesses, withoutOwners.problems());
  }

  Map<Long, List<SocketOwner>> byInode() {
    return byInode;
  }

  /** Processes whose descriptors could not be listed: the sockets they hold show no owners. */
  public int unreadableProcesses() {
    return unreadableProcesses;
  }

  /** The inode in a descriptor link's target {@code socket:[12345]}, or -1 for anything else. */
  static long socketInode(String target) {
    if (target == null || !target.startsWith("socket:[") || !target.endsWith("]")) {
      return -1;
    }
    try {
      return Long.parseLong(target, 8, target.length() - 1, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static SocketOwner owner(
      Path proc, String prefix, Accounts accounts, int pid, FileBytes buffer) {
    Path dir = proc.resolve(Integer.toString(pid));
    String comm = buffer.readLine(prefix + pid + "/comm") ? buffer.strictText() : null;
    if (comm != null) {
      comm = comm.strip();
    }
    String user;
    try {
      user = accounts.userName((Integer) Files.getAttribute(dir, "unix:uid"));
    } catch (IOException | RuntimeException e) {
      user = null;
    }
    return new SocketOwner(pid, comm, user);
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
