package dev.stackscope.net;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import java.util.List;

/**
 * What the command lines of the programs that publish a container's port say: {@code docker-proxy}
 * names both ends ({@code -proto tcp -host-ip 127.0.0.1 -host-port 8080 -container-ip 172.17.0.2
 * -container-port 80}); podman's {@code conmon} names its container ({@code -c ID -n NAME}); {@code
 * slirp4netns} names the namespace it serves ({@code [OPTIONS] PID|PATH [TAP]}); {@code
 * rootlessport}'s child names itself ({@code containers-rootlessport-child}). Go's flag syntax:
 * {@code -flag value}, {@code -flag=value}, with one dash or two. Command lines are outside data:
 * at most {@link #MOST_ARGS} arguments are looked at, each value checked.
 */
public final class PublisherArgs {
  static final int MOST_ARGS = 512;
  private static final int LONGEST = 4096;

  private PublisherArgs() {}

  /**
   * A forward from a host address and port to a container's.
   *
   * @param protocol {@code tcp}, {@code udp} or {@code sctp}
   */
  public record Forward(
      String protocol, IpAddress hostIp, int hostPort, IpAddress containerIp, int containerPort) {}

  /** A conmon's container: its id (hex) and name, either null when not given. */
  public record Conmon(String id, String name) {}

  /**
   * The network namespace slirp4netns serves: the namespace of process {@code pid} (> 0), or the
   * namespace file {@code path} ({@code --netns-type=path}); exactly one of them is set.
   */
  public record Slirp(int pid, String path) {}

  /** slirp4netns's options that take a value (getopt_long: {@code -m 1500}, {@code --mtu=1500}). */
  private static final java.util.Set<String> SLIRP_VALUED =
      java.util.Set.of(
          "-e",
          "--exit-fd",
          "-r",
          "--ready-fd",
          "-m",
          "--mtu",
          "-a",
          "--api-socket",
          "--cidr",
          "--netns-type",
          "--userns-path",
          "--outbound-addr",
          "--outbound-addr6",
          "--macaddress");

  /**
   * slirp4netns's target: its first operand, a PID, or a path with {@code --netns-type=path}; null
   * when there is none or it is not valid.
   */
  public static Slirp slirp4netns(List<String> argv) {
    int n = Math.min(argv.size(), MOST_ARGS);
    boolean path = false;
    boolean operands = false;
    for (int i = 1; i < n; i++) {
      String a = argv.get(i);
      if (a == null || a.length() > LONGEST) {
        return null;
      }
      if (!operands && a.equals("--")) {
        operands = true;
        continue;
      }
      if (!operands && a.startsWith("-") && a.length() > 1) {
        String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
        if (value == null && SLIRP_VALUED.contains(option)) {
          value = i + 1 < n ? argv.get(++i) : null;
        }
        if (option.equals("--netns-type")) {
          path = "path".equals(value);
        }
        continue;
      }
      if (path) {
        return a.startsWith("/") ? new Slirp(0, a) : null;
      }
      int pid = pid(a);
      return pid > 0 ? new Slirp(pid, null) : null;
    }
    return null;
  }

  /**
   * Whether {@code argv} is rootlessport's child (argv[0] {@code containers-rootlessport-child}).
   */
  public static boolean rootlessportChild(List<String> argv) {
    return !argv.isEmpty()
        && argv.get(0) != null
        && argv.get(0).endsWith("rootlessport-child")
        && argv.get(0).length() <= LONGEST;
  }

  /** A process ID written in decimal (at most ten digits, up to 2^31 - 1), or -1. */
  static int pid(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** docker-proxy's forward, or null when an end is missing or not valid. */
  public static Forward dockerProxy(List<String> argv) {
    String proto = value(argv, "proto");
    IpAddress hostIp = address(value(argv, "host-ip"));
    IpAddress containerIp = address(value(argv, "container-ip"));
    int hostPort = PortNumber.parse(orEmpty(value(argv, "host-port")));
    int containerPort = PortNumber.parse(orEmpty(value(argv, "container-port")));
    if (proto == null) {
      proto = "tcp"; // docker-proxy's default
    }
    if (!(proto.equals("tcp") || proto.equals("udp") || proto.equals("sctp"))
        || hostIp == null
        || containerIp == null
        || hostPort < 0
        || containerPort < 0) {
      return null;
    }
    return new Forward(proto, hostIp, hostPort, containerIp, containerPort);
  }

  /** conmon's container id ({@code -c}/{@code --cid}) and name ({@code -n}/{@code --name}). */
  public static Conmon conmon(List<String> argv) {
    String id = value(argv, "c");
    if (id == null) {
      id = value(argv, "cid");
    }
    String name = value(argv, "n");
    if (name == null) {
      name = value(argv, "name");
    }
    if (id != null && !id.matches("[0-9a-fA-F]{1,128}")) {
      id = null;
    }
    if (name != null && (name.isEmpty() || name.length() > 253)) {
      name = null;
    }
    return id == null && name == null ? null : new Conmon(id, name);
  }

  /**
   * The value of flag {@code name}: {@code -name V}, {@code --name V}, {@code -name=V} or {@code
   * --name=V}; the first occurrence; null when absent, without a value, or longer than 4,096.
   */
  static String value(List<String> argv, String name) {
    int n = Math.min(argv.size(), MOST_ARGS);
    for (int i = 1; i < n; i++) {
      String a = argv.get(i);
      if (a == null) {
        continue;
      }
      if (a.equals("--")) {
        return null; // the flags end here
      }
      String bare = a.startsWith("--") ? a.substring(2) : a.startsWith("-") ? a.substring(1) : null;
      if (bare == null) {
        continue;
      }
      String v = null;
      if (bare.equals(name)) {
        v = i + 1 < argv.size() ? argv.get(i + 1) : null;
      } else if (bare.startsWith(name + "=")) {
        v = bare.substring(name.length() + 1);
      } else {
        continue;
      }
      return v == null || v.length() > LONGEST ? null : v;
    }
    return null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static IpAddress address(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    try {
      String t =
          text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
      IpAddress a = AddressParser.parse(t);
      return a.zone() == null ? a : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
