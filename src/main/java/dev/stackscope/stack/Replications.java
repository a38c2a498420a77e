package dev.stackscope.stack;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.Position;
import dev.stackscope.stack.StackMap.Replication;
import dev.stackscope.stack.StackSocket.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database replication seen from processes and sockets: which connections are a replica following
 * its primary, each component's place (primary or replica of what), and a postgres replica's lag.
 *
 * <p>postgres names its replication processes in their titles: a primary runs {@code postgres:
 * walsender USER [DB] ADDR(PORT) streaming LSN} per replica, a replica {@code postgres: walreceiver
 * streaming LSN} (a {@code cluster_name} may come first, {@code postgres: 15/main: walreceiver}).
 * redis, valkey, keydb and MySQL/MariaDB show nothing in their titles: a connection from one
 * component of these programs to another's port is a replica's (a redis sentinel or cluster node,
 * which connect to their peers for other reasons, excepted).
 */
final class Replications {
  private Replications() {}

  static final Pattern WALRECEIVER =
      Pattern.compile(
          "^postgres: (?:.*: )?walreceiver\\b(?:.*?\\bstreaming ([0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}))?");
  static final Pattern WALSENDER =
      Pattern.compile(
          "^postgres: (?:.*: )?walsender \\S+ (?:\\S+ )?\\S*?\\((\\d{1,5})\\)(?:.*?\\bstreaming ([0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}))?");

  /** Programs whose component connected to another of the same program is a replica. */
  static final Set<String> FOLLOWING_PROGRAMS = Set.of("redis", "valkey", "keydb", "mysql");

  /**
   * Whether a connection from these client processes of one component to another is replication.
   */
  static EdgeKind kindOf(
      ComponentGroup client,
      ComponentGroup server,
      Set<Integer> clientPids,
      Map<Integer, StackProcess> byPid) {
    String program = client.why.program();
    if (program.equals("postgres") && server.why.program().equals("postgres")) {
      for (int pid : clientPids) {
        StackProcess p = byPid.get(pid);
        if (p != null && WALRECEIVER.matcher(p.title()).find()) {
          return EdgeKind.REPLICATION;
        }
      }
      return EdgeKind.CLIENT;
    }
    if (FOLLOWING_PROGRAMS.contains(program) && program.equals(server.why.program())) {
      for (int pid : clientPids) {
        StackProcess p = byPid.get(pid);
        if (p != null && (p.title().contains("[sentinel]") || p.title().contains("[cluster]"))) {
          return EdgeKind.CLIENT;
        }
      }
      return EdgeKind.REPLICATION;
    }
    return EdgeKind.CLIENT;
  }

  /**
   * The components with their replication positions: a replication edge's client is a replica of
   * its server, which is a primary; a postgres component with a walsender is a primary, one whose
   * walreceiver is connected to another host a replica of that host.
   */
  static List<Component> place(
      StackInputs in,
      List<Component> components,
      List<Edge> edges,
      Map<String, ComponentGroup> groupById,
      Map<Integer, StackProcess> byPid) {
    Map<String, Replication> found = new LinkedHashMap<>();
    for (Edge e : edges) {
      if (e.kind() != EdgeKind.REPLICATION) {
        continue;
      }
      Long lag = postgresLag(in, groupById.get(e.from()), groupById.get(e.to()), byPid);
      found.putIfAbsent(e.from(), new Replication(Position.REPLICA, e.to(), e.port(), lag));
    }
    for (Edge e : edges) {
      if (e.kind() == EdgeKind.REPLICATION) {
        found.putIfAbsent(e.to(), new Replication(Position.PRIMARY, null, null, null));
      }
    }
    for (Component c : components) {
      if (found.containsKey(c.id()) || !c.program().equals("postgres")) {
        continue;
      }
      ComponentGroup g = groupById.get(c.id());
      for (int pid : g.pids) {
        StackProcess p = byPid.get(pid);
        if (p == null) {
          continue;
        }
        if (WALSENDER.matcher(p.title()).find()) {
          found.put(c.id(), new Replication(Position.PRIMARY, null, null, null));
          break;
        }
        if (WALRECEIVER.matcher(p.title()).find()) {
          StackSocket s = connectionOf(in, pid);
          if (s != null && !Addresses.isLocal(s.remoteAddress(), in.localAddresses())) {
            found.put(
                c.id(),
                new Replication(
                    Position.REPLICA, IpAddress.text(s.remoteAddress()), s.remotePort(), null));
            break;
          }
        }
      }
    }
    if (found.isEmpty()) {
      return components;
    }
    List<Component> out = new ArrayList<>(components.size());
    for (Component c : components) {
      Replication r = found.get(c.id());
      out.add(r == null ? c : c.withReplication(r));
    }
    return out;
  }

  /**
   * The bytes a postgres replica has yet to receive: the LSN its primary's walsender for it has
   * sent less the LSN its walreceiver has written; null when either title does not show one. The
   * walsender serving this replica names the walreceiver's port in its title.
   */
  static Long postgresLag(
      StackInputs in,
      ComponentGroup replica,
      ComponentGroup primary,
      Map<Integer, StackProcess> byPid) {
    if (replica == null || primary == null || !replica.why.program().equals("postgres")) {
      return null;
    }
    for (int pid : replica.pids) {
      StackProcess w = byPid.get(pid);
      Matcher rm = w == null ? null : WALRECEIVER.matcher(w.title());
      if (rm == null || !rm.find() || rm.group(1) == null) {
        continue;
      }
      StackSocket s = connectionOf(in, pid);
      if (s == null) {
        continue;
      }
      for (int sender : primary.pids) {
        StackProcess p = byPid.get(sender);
        Matcher sm = p == null ? null : WALSENDER.matcher(p.title());
        if (sm != null
            && sm.find()
            && sm.group(2) != null
            && Integer.parseInt(sm.group(1)) == s.localPort()) {
          return Math.max(0, lsn(sm.group(2)) - lsn(rm.group(1)));
        }
      }
    }
    return null;
  }

  /** The established connection a process holds (a walreceiver holds one), or null. */
  private static StackSocket connectionOf(StackInputs in, int pid) {
    for (StackSocket s : in.sockets()) {
      if (s.state() == State.ESTABLISHED && s.pids().contains(pid)) {
        return s;
      }
    }
    return null;
  }

  /** A log sequence number {@code HI/LO} (hexadecimal halves of 32 bits) as a byte position. */
  static long lsn(String text) {
    int slash = text.indexOf('/');
    return Long.parseLong(text.substring(0, slash), 16) << 32
        | Long.parseLong(text.substring(slash + 1), 16);
  }
}
