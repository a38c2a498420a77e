package dev.stackscope.container;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's place in the cgroup hierarchies, from {@code /proc/PID/cgroup}: the cgroup v2 path
 * ({@code 0::/system.slice/nginx.service}), the v1 {@code name=systemd} path, and each v1
 * hierarchy's controllers and path ({@code 4:memory:/docker/ID}). Paths start with {@code /}; null
 * when the file has no such line.
 *
 * @param unified the cgroup v2 path (the {@code 0::} line)
 * @param systemd the v1 {@code name=systemd} hierarchy's path
 * @param v1 the other v1 hierarchies, in the file's order
 */
public record Cgroups(String unified, String systemd, List<Hierarchy> v1) {
  /** At most this many lines are read (a kernel has a dozen or so hierarchies). */
  static final int MAX_LINES = 64;

  /** A line longer than this is skipped (the kernel caps a path at PATH_MAX, 4096). */
  static final int MAX_LINE = 4200;

  /** No cgroup information. */
  public static final Cgroups NONE = new Cgroups(null, null, List.of());

  /** A v1 hierarchy: its controllers ({@code cpu}, {@code cpuacct}) and the process's path. */
  public record Hierarchy(List<String> controllers, String path) {}

  /** The path of the v1 hierarchy with {@code controller}, or null. */
  public String v1Path(String controller) {
    Hierarchy h = v1Hierarchy(controller);
    return h == null ? null : h.path();
  }

  /** The v1 hierarchy with {@code controller}, or null. */
  public Hierarchy v1Hierarchy(String controller) {
    for (Hierarchy h : v1) {
      if (h.controllers().contains(controller)) {
        return h;
      }
    }
    return null;
  }

  /** Every path, the most telling first: v2, {@code name=systemd}, then the v1 controllers'. */
  public List<String> paths() {
    List<String> all = new ArrayList<>(v1.size() + 2);
    if (unified != null) {
      all.add(unified);
    }
    if (systemd != null) {
      all.add(systemd);
    }
    for (Hierarchy h : v1) {
      all.add(h.path());
    }
    return all;
  }

  /**
   * Parses {@code /proc/PID/cgroup}: lines {@code ID:CONTROLLERS:PATH}; the path may itself hold
   * colons. Lines that are not of that form, whose path does not start with {@code /}, or that are
   * too long are skipped; never throws.
   */
  public static Cgroups parse(String text) {
    String unified = null;
    String systemd = null;
    List<Hierarchy> v1 = new ArrayList<>();
    int start = 0;
    int lines = 0;
    int len = text.length();
    while (start < len && lines < MAX_LINES) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = len;
      }
      lines++;
      if (end - start <= MAX_LINE) {
        String line = text.substring(start, end);
        int c1 = line.indexOf(':');
        int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
        if (c2 > c1 && c2 + 1 < line.length() && line.charAt(c2 + 1) == '/' && digits(line, c1)) {
          String controllers = line.substring(c1 + 1, c2);
          String path = line.substring(c2 + 1);
          if (controllers.isEmpty()) {
            if (unified == null && line.startsWith("0:")) {
              unified = path;
            }
          } else if (controllers.equals("name=systemd")) {
            systemd = systemd == null ? path : systemd;
          } else {
            v1.add(new Hierarchy(List.of(controllers.split(",")), path));
          }
        }
      }
      start = end + 1;
    }
    if (unified == null && systemd == null && v1.isEmpty()) {
      return NONE;
    }
    return new Cgroups(unified, systemd, List.copyOf(v1));
  }

  private static boolean digits(String line, int end) {
    if (end <= 0 || end > 10) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
