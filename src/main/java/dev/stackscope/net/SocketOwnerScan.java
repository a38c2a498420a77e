package dev.stackscope.net;

import dev.stackscope.os.Accounts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One walk over {@code /proc/[pid]/fd}: which processes hold which socket inodes. The walk is the
 * costly part of listing owners (one readlink per open file on the host), so it runs once per
 * command, in parallel over processes. Processes that vanish mid-walk are skipped; processes whose
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
    int[] pids =
        Arrays.stream(names).filter(SocketOwnerScan::isPid).mapToInt(Integer::parseInt).toArray();
    Map<Long, List<Integer>> pidsByInode = new ConcurrentHashMap<>();
    AtomicInteger unreadable = new AtomicInteger();
    Arrays.stream(pids)
        .parallel()
        .forEach(
            pid -> {
              File fdDir = proc.resolve(Integer.toString(pid)).resolve("fd").toFile();
              String[] fds = fdDir.list();
              if (fds == null) {
                // null: gone, or not ours to read; a vanished process leaves no /proc entry
                if (fdDir.getParentFile().exists()) {
                  unreadable.incrementAndGet();
                }
                return;
              }
              Path dir = fdDir.toPath();
              long previous = -1;
              for (String fd : fds) {
                long inode = socketInode(readLink(dir.resolve(fd)));
                if (inode >= 0 && inode != previous) {
                  List<Integer> holders =
                      pidsByInode.computeIfAbsent(inode, k -> new ArrayList<>(1));
                  synchronized (holders) {
                    if (!holders.contains(pid)) {
                      holders.add(pid);
                    }
                  }
                  previous = inode;
                }
              }
            });
    Map<Integer, SocketOwner> ownerByPid = new HashMap<>();
    Map<Long, List<SocketOwner>> byInode = new HashMap<>(pidsByInode.size() * 2);
    pidsByInode.forEach(
        (inode, holders) -> {
          List<SocketOwner> owners = new ArrayList<>(holders.size());
          for (int pid : holders) {
            owners.add(ownerByPid.computeIfAbsent(pid, p -> owner(proc, accounts, p)));
          }
          owners.sort(Comparator.comparingInt(SocketOwner::pid));
          byInode.put(inode, List.copyOf(owners));
        });
    return new SocketOwnerScan(byInode, unreadable.get());
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
