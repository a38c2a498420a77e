package dev.stackscope.net;

import dev.stackscope.os.Accounts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One walk over {@code /proc/[pid]/fd}: which processes hold which socket inodes. The walk is the
 * costly part of listing owners (one readlink per open file on the host), so it runs once per
 * command. Processes that vanish mid-walk are skipped; processes whose
 * descriptors cannot be listed are counted.
 */
final class SocketOwnerScan {
  private final Map<Long, List<SocketOwner>> byInode;
  private final int unreadableProcesses;

  private SocketOwnerScan(Map<Long, List<SocketOwner>> byInode, int unreadableProcesses) {
    this.byInode = byInode;
    this.unreadableProcesses = unreadableProcesses;
  }

  static SocketOwnerScan scan(Path proc, Accounts accounts) {
    String[] names = proc.toFile().list();
    if (names == null) {
      return new SocketOwnerScan(Map.of(), 0);
    }
    List<Integer> pids = new ArrayList<>(names.length);
    for (String name : names) {
      if (isPid(name)) {
        pids.add(Integer.parseInt(name));
      }
    }
    // Two walkers above a few hundred processes: readlink on /proc is kernel time per link, and a
    // second core halves the wall of the walk (bench/README.md, ports); below that a thread costs
    // more than it saves at start-up.
    Walk walk;
    if (pids.size() >= PARALLEL_FROM) {
      int half = pids.size() / 2;
      Walk[] second = new Walk[1];
      Thread helper = new Thread(() -> second[0] = walk(proc, pids.subList(half, pids.size())), "fd-walk");
      helper.setDaemon(true);
      helper.start();
      walk = walk(proc, pids.subList(0, half));
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SocketOwnerScan(Map.of(), 0);
      }
      walk.addAll(second[0]);
    } else {
      walk = walk(proc, pids);
    }
    Map<Long, List<Integer>> pidsByInode = walk.pidsByInode;
    int unreadable = walk.unreadable;
    Map<Integer, SocketOwner> ownerByPid = new HashMap<>();
    Map<Long, List<SocketOwner>> byInode = new HashMap<>(pidsByInode.size() * 2);
    for (Map.Entry<Long, List<Integer>> e : pidsByInode.entrySet()) {
      List<Integer> holders = e.getValue();
      holders.sort(null);
      List<SocketOwner> owners = new ArrayList<>(holders.size());
      for (int pid : holders) {
        SocketOwner owner = ownerByPid.get(pid);
        if (owner == null) {
          owner = owner(proc, accounts, pid);
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

  private static Walk walk(Path proc, List<Integer> pids) {
    Walk walk = new Walk();
    for (int pid : pids) {
      Path pidDir = proc.resolve(Integer.toString(pid));
      File fdDir = new File(pidDir.toFile(), "fd");
      String[] fds = fdDir.list();
      if (fds == null) {
        // null: gone (nothing to say) or not ours to read (counted)
        if (pidDir.toFile().exists()) {
          walk.unreadable++;
        }
        continue;
      }
      Path dir = fdDir.toPath();
      for (String fd : fds) {
        long inode = socketInode(readLink(dir.resolve(fd)));
        if (inode >= 0) {
          walk.add(inode, pid);
        }
      }
    }
    return walk;
  }

  List<SocketOwner> owners(long inode) {
    return byInode.getOrDefault(inode, List.of());
  }

  Map<Long, List<SocketOwner>> byInode() {
    return byInode;
  }

  int unreadableProcesses() {
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

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | RuntimeException e) {
      return null; // closed between list and readlink
    }
  }

  private static SocketOwner owner(Path proc, Accounts accounts, int pid) {
    Path dir = proc.resolve(Integer.toString(pid));
    String comm;
    try {
      comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      comm = null;
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
