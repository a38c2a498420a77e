package dev.stackscope.fleet;

import dev.stackscope.net.Reach;
import dev.stackscope.stack.Role;
import java.util.List;

/**
 * What changed between two collections of snapshots: {@code diff --json}. Components are matched by
 * key ({@code ID@HOST}), listeners by component, protocol and port, edges by both ends, port and
 * kind. Connection counts and PIDs are not changes.
 *
 * @param changed whether anything below is not empty
 * @param scopeChanges ports a component still listens on, on other addresses
 */
public record FleetDiff(
    boolean changed,
    List<String> hostsNew,
    List<String> hostsGone,
    List<String> componentsNew,
    List<String> componentsGone,
    List<RoleChange> rolesChanged,
    List<ListenerChange> listenersNew,
    List<ListenerChange> listenersGone,
    List<ScopeChange> scopeChanges,
    List<EdgeChange> edgesNew,
    List<EdgeChange> edgesGone) {

  /** A component whose role is not what it was. */
  public record RoleChange(String component, Role before, Role after) {}

  /** A port a component started or stopped listening on, with its addresses' widest scope. */
  public record ListenerChange(
      String component, String protocol, int port, List<String> addresses, Reach scope) {}

  /**
   * A port a component listens on before and after, on other addresses.
   *
   * @param before the widest scope before (all interfaces is the widest, loopback the narrowest)
   * @param after the widest scope now
   */
  public record ScopeChange(
      String component,
      String protocol,
      int port,
      Reach before,
      Reach after,
      List<String> addressesBefore,
      List<String> addressesAfter) {}

  /** An edge that is new or gone. */
  public record EdgeChange(
      String from, String to, int port, String path, String kind, boolean crossHost) {}
}
