package dev.stackscope.os;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names by numeric id, from {@code /etc/passwd} and {@code /etc/group} (read once,
 * lazily). Unknown ids are shown as the number, as ps and ss do.
 */
public final class Accounts {
  private static volatile Accounts system;

  private final Path etc;

  /** The files' modification times when this instance was made (a long-lived JVM re-reads). */
  private final long stamp;

  private Map<Integer, String> users;
  private Map<Integer, String> groups;

  public Accounts(Path etc) {
    this.etc = etc;
    this.stamp = stamp(etc);
  }

  /**
   * The host's accounts ({@code /etc}); a new instance when passwd or group changed since the last
   * one was made (the shell and the warm server live long enough to see users come and go).
   */
  public static Accounts system() {
    Accounts current = system;
    Path etc = Path.of("/etc");
    if (current == null || current.stamp != stamp(etc)) {
      current = new Accounts(etc);
      system = current;
    }
    return current;
  }

  private static long stamp(Path etc) {
    long s = 0;
    for (String name : new String[] {"passwd", "group"}) {
      s = s * 31 + new java.io.File(etc.toFile(), name).lastModified();
    }
    return s;
  }

  /** Whether this process runs as root (the owner of /proc/self is uid 0); false if unknown. */
  public static boolean runningAsRoot() {
    try {
      return ((Number) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
              .intValue()
          == 0;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** The user name of {@code uid}, or the number as text when there is none. */
  public synchronized String userName(int uid) {
    if (users == null) {
      users = parseIdFile(read(etc.resolve("passwd")));
    }
    String name = users.get(uid);
    return name != null ? name : Integer.toString(uid);
  }

  /** The group name of {@code gid}, or the number as text when there is none. */
  public synchronized String groupName(int gid) {
    if (groups == null) {
      groups = parseIdFile(read(etc.resolve("group")));
    }
    String name = groups.get(gid);
    return name != null ? name : Integer.toString(gid);
  }

  /** Parses passwd/group format ({@code name:x:id:...}); the first name for an id wins. */
  public static Map<Integer, String> parseIdFile(String text) {
    Map<Integer, String> byId = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", 4);
      if (f.length < 3) {
        continue;
      }
      try {
        byId.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
      } catch (NumberFormatException e) {
        // a malformed line names no id
      }
    }
    return byId;
  }

  private static String read(Path file) {
    FileBytes bytes = new FileBytes(16384);
    String text = bytes.read(file.toString()) ? bytes.strictText() : null;
    return text == null ? "" : text;
  }
}
