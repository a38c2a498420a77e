package dev.stackscope.container;

import java.util.List;

/**
 * Reads a process's systemd unit, slice and container off its cgroup paths, for the forms systemd,
 * the container runtimes and Kubernetes use with either cgroup driver:
 *
 * <ul>
 *   <li>units: {@code /system.slice/nginx.service}, {@code
 *       /user.slice/user-1000.slice/session-3.scope}, {@code
 *       .../user@1000.service/app.slice/x.service} (the first unit: {@code user@1000.service});
 *   <li>docker: {@code /docker/ID}, {@code /system.slice/docker-ID.scope};
 *   <li>podman: {@code /libpod_parent/libpod-ID}, {@code
 *       /machine.slice/libpod-ID.scope[/container]}, {@code libpod-conmon-ID.scope} (its monitor,
 *       counted in the container);
 *   <li>containerd and CRI-O: {@code cri-containerd-ID.scope}, {@code crio-ID.scope}, {@code
 *       crio-conmon-ID.scope};
 *   <li>Kubernetes with the cgroupfs driver: {@code /kubepods/burstable/podUID/ID};
 *   <li>LXC: {@code /lxc/NAME}, {@code /lxc.payload.NAME}; systemd-nspawn: {@code
 *       /machine.slice/machine-NAME.scope}.
 * </ul>
 *
 * Pure functions of the path text: no file is read here.
 */
public final class CgroupPaths {
  private CgroupPaths() {}

  /**
   * The unit and slice from the {@code name=systemd} path (the v2 path when there is none), the
   * container from the first path that names one.
   */
  public static Placement placement(Cgroups cgroups) {
    String unitPath = cgroups.systemd() != null ? cgroups.systemd() : cgroups.unified();
    String unit = null;
    String slice = null;
    if (unitPath != null) {
      String[] parts = segments(unitPath);
      for (String s : parts) {
        if (isUnit(s)) {
          unit = s;
          break;
        }
        if (s.endsWith(".slice") && s.length() > ".slice".length()) {
          slice = s;
        }
      }
      if (unit != null && slice == null) {
        slice = "-.slice"; // a unit at the top sits in systemd's root slice (init.scope)
      }
    }
    ContainerRef container = null;
    List<String> paths = cgroups.paths();
    for (int i = 0; i < paths.size() && container == null; i++) {
      container = container(paths.get(i));
    }
    if (unit == null && slice == null && container == null) {
      return Placement.NONE;
    }
    return new Placement(unit, slice, container);
  }

  /** The container one cgroup path names (its last part that names one), or null. */
  public static ContainerRef container(String path) {
    String[] parts = segments(path);
    for (int i = parts.length - 1; i >= 0; i--) {
      String s = parts[i];
      String prev = i > 0 ? parts[i - 1] : "";
      ContainerRef c = fromSegment(s, prev, parts, i);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static ContainerRef fromSegment(String s, String prev, String[] parts, int at) {
    String base = s.endsWith(".scope") ? s.substring(0, s.length() - ".scope".length()) : s;
    String id;
    if ((id = hexAfter(base, "docker-")) != null) {
      return new ContainerRef(Runtime.DOCKER, id, podUid(parts, at));
    }
    if ((id = hexAfter(base, "libpod-conmon-")) != null
        || (id = hexAfter(base, "libpod-")) != null) {
      return new ContainerRef(Runtime.PODMAN, id, null);
    }
    if ((id = hexAfter(base, "cri-containerd-")) != null) {
      return new ContainerRef(Runtime.CONTAINERD, id, podUid(parts, at));
    }
    if ((id = hexAfter(base, "crio-conmon-")) != null || (id = hexAfter(base, "crio-")) != null) {
      return new ContainerRef(Runtime.CRIO, id, podUid(parts, at));
    }
    if (prev.equals("docker") && isHex(s)) {
      return new ContainerRef(Runtime.DOCKER, s, null);
    }
    if (isHex(s) && s.length() == 64) {
      String pod = podUid(parts, at);
      if (pod != null) {
        return new ContainerRef(Runtime.KUBERNETES, s, pod);
      }
    }
    if (prev.equals("lxc") && !s.isEmpty()) {
      return new ContainerRef(Runtime.LXC, s, null);
    }
    for (String p : new String[] {"lxc.payload.", "lxc.monitor."}) {
      if (s.startsWith(p) && s.length() > p.length()) {
        return new ContainerRef(Runtime.LXC, s.substring(p.length()), null);
      }
    }
    if (s.startsWith("machine-") && s.endsWith(".scope") && base.length() > "machine-".length()) {
      return new ContainerRef(Runtime.NSPAWN, unescape(base.substring("machine-".length())), null);
    }
    return null;
  }

  /**
   * The pod UID from a {@code podUID} or {@code kubepods-…-podUID.slice} part before {@code at}.
   */
  private static String podUid(String[] parts, int at) {
    boolean kube = false;
    String uid = null;
    for (int i = 0; i < at; i++) {
      String s = parts[i];
      if (s.startsWith("kubepods")) {
        kube = true;
        int p = s.lastIndexOf("-pod");
        if (p >= 0 && s.endsWith(".slice")) {
          uid = s.substring(p + 4, s.length() - ".slice".length()).replace('_', '-');
        }
      } else if (kube && s.startsWith("pod") && s.length() > 3) {
        uid = s.substring(3);
      }
    }
    return kube && uid != null && !uid.isEmpty() ? uid : null;
  }

  private static boolean isUnit(String s) {
    return (s.endsWith(".service") && s.length() > ".service".length())
        || (s.endsWith(".scope") && s.length() > ".scope".length());
  }

  /** {@code s} without {@code prefix} when what follows is a container id, else null. */
  private static String hexAfter(String s, String prefix) {
    if (!s.startsWith(prefix)) {
      return null;
    }
    String id = s.substring(prefix.length());
    return isHex(id) ? id : null;
  }

  /** A container id: 12 to 64 lower-case hex digits. */
  static boolean isHex(String s) {
    int n = s.length();
    if (n < 12 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** systemd's unit-name escapes: {@code \x2d} is {@code -}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        int v = hexValue(s.charAt(i + 2)) * 16 + hexValue(s.charAt(i + 3));
        if (v >= 0x20 && v < 0x7f) {
          sb.append((char) v);
          i += 3;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1000;
  }

  private static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? new String[0] : p.split("/");
  }
}
