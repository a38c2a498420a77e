package dev.stackscope.net;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import java.util.List;

/**
 * What the command lines of the programs that publish a container's port say: {@code docker-proxy}
 * names both ends ({@code -proto tcp -host-ip 127.0.0.1 -host-port 8080 -container-ip 172.17.0.2
 * -container-port 80}); podman's {@code conmon} names its container ({@code -c ID -n NAME}). Go's
 * flag syntax: {@code -flag value}, {@code -flag=value}, with one dash or two. Command lines are
 * outside data: at most {@link #MOST_ARGS} arguments are looked at, each value checked.
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
