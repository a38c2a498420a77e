package dev.stackscope.cli.process;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.SocketEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A process's listening sockets as {@code tree --ports} and {@code proc} show them: {@code
 * tcp:8080} for a socket bound to every interface, {@code tcp:127.0.0.1:5432} or {@code
 * tcp:[::1]:6379} for one bound to an address; sorted by protocol, port and address, duplicates
 * (the same port on 0.0.0.0 and ::) once.
 */
final class ListeningPorts {
  private static final Comparator<SocketEntry> ORDER =
      Comparator.comparing(SocketEntry::protocol)
          .thenComparingInt(SocketEntry::localPort)
          .thenComparing(s -> s.localAddress().isAnyLocalAddress() ? 0 : 1)
          .thenComparingInt(SocketEntry::ipVersion)
          .thenComparing(s -> IpAddress.text(s.localAddress()));

  /** One listening socket in JSON: {@code tree --ports} nodes and {@code proc}'s object. */
  record Json(
      String protocol,
      int ipVersion,
      String localAddress,
      int localPort,
      String service,
      String scope) {
    static Json of(SocketEntry s) {
      return new Json(
          s.protocol().toString(),
          s.ipVersion(),
          IpAddress.text(s.localAddress()),
          s.localPort(),
          s.service(),
          s.scope().toString());
    }
  }

  private ListeningPorts() {}

  /** The sockets in display order. */
  static List<SocketEntry> sorted(List<SocketEntry> sockets) {
    List<SocketEntry> sorted = new ArrayList<>(sockets);
    sorted.sort(ORDER);
    return sorted;
  }

  /** {@code tcp:22 tcp:127.0.0.1:5432 udp:[::1]:53}: each distinct endpoint once. */
  static String annotation(List<SocketEntry> sockets) {
    Set<String> shown = new LinkedHashSet<>();
    for (SocketEntry s : sorted(sockets)) {
      shown.add(endpoint(s));
    }
    return String.join(" ", shown);
  }

  /** {@code tcp:8080} (every interface) or {@code tcp:127.0.0.1:8080}, {@code tcp:[::1]:8080}. */
  static String endpoint(SocketEntry s) {
    String proto = s.protocol().toString();
    if (s.localAddress().isAnyLocalAddress()) {
      return proto + ":" + s.localPort();
    }
    return proto + ":" + TransportAddress.text(s.localAddress(), s.localPort());
  }

  static List<Json> json(List<SocketEntry> sockets) {
    List<Json> json = new ArrayList<>(sockets.size());
    for (SocketEntry s : sorted(sockets)) {
      json.add(Json.of(s));
    }
    return json;
  }
}
