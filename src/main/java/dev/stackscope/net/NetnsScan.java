package dev.stackscope.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which network namespaces have processes, from one walk over {@code /proc/PID/ns/net} (one
 * readlink per process). A process whose link cannot be read (another user's, without root; gone)
 * is counted and left out: its namespace is seen through any other process in it.
 */
public final class NetnsScan {
  private final Long current;
  private final Map<Long, List<Integer>> pidsByInode;
  private final int unreadable;

  private NetnsScan(Long current, Map<Long, List<Integer>> pidsByInode, int unreadable) {
    this.current = current;
    this.pidsByInode = pidsByInode;
    this.unreadable = unreadable;
  }

  /** Walks {@code proc}; the current namespace is {@code proc/self}'s (null when unreadable). */
  public static NetnsScan scan(Path proc) {
    Long current = inode(proc.resolve("self").resolve("ns").resolve("net"));
    Map<Long, List<Integer>> byInode = new TreeMap<>();
    int unreadable = 0;
    String[] names = proc.toFile().list();
    int[] pids = new int[names == null ? 0 : names.length];
    int count = 0;
    for (String name : names == null ? new String[0] : names) {
      int pid = pid(name);
      if (pid > 0) {
        pids[count++] = pid;
      }
    }
    Arrays.sort(pids, 0, count);
    for (int i = 0; i < count; i++) {
      Path dir = proc.resolve(Integer.toString(pids[i]));
      Long inode;
      try {
        inode = parseLink(Files.readSymbolicLink(dir.resolve("ns").resolve("net")).toString());
      } catch (java.nio.file.AccessDeniedException e) {
        unreadable++; // another user's process (or one even root may not inspect)
        continue;
      } catch (IOException | RuntimeException e) {
        continue; // gone, or a zombie (it has no namespaces left)
      }
      if (inode == null) {
        continue;
      }
      byInode.computeIfAbsent(inode, k -> new ArrayList<>()).add(pids[i]);
    }
    return new NetnsScan(current, byInode, unreadable);
  }

  /** The namespace of this process ({@code proc/self}), or null when it could not be read. */
  public Long current() {
    return current;
  }

  /** Each namespace's processes, by inode ascending; PIDs ascending. */
  public Map<Long, List<Integer>> pidsByInode() {
    return pidsByInode;
  }

  /** Processes whose namespace link could not be read. */
  public int unreadable() {
    return unreadable;
  }

  /** The namespace inode a {@code ns/net} link names, or null. */
  static Long inode(Path link) {
    try {
      return parseLink(Files.readSymbolicLink(link).toString());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The inode in {@code net:[4026531833]}, or null for anything else. */
  static Long parseLink(String target) {
    if (target == null
        || !target.startsWith("net:[")
        || !target.endsWith("]")
        || target.length() > 30) {
      return null;
    }
    String digits = target.substring(5, target.length() - 1);
    if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int pid(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return -1;
      }
    }
    long v = Long.parseLong(name);
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }
}
