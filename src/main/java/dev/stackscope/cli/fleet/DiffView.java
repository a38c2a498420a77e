package dev.stackscope.cli.fleet;

import dev.stackscope.fleet.FleetDiff;
import dev.stackscope.fleet.FleetDiff.EdgeChange;
import dev.stackscope.fleet.FleetDiff.ListenerChange;
import dev.stackscope.fleet.FleetDiff.RoleChange;
import dev.stackscope.fleet.FleetDiff.ScopeChange;
import dev.stackscope.net.Reach;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.util.List;

/**
 * The text view of a diff: one line per change, {@code +} new, {@code -} gone, {@code ~} changed.
 */
final class DiffView {
  private final Output out;

  DiffView(Output out) {
    this.out = out;
  }

  void render(FleetDiff d) {
    if (!d.changed()) {
      out.line(Text.of("No changes.", Style.DIM));
      return;
    }
    d.hostsNew().forEach(h -> line("+", "host " + h + " is new"));
    d.hostsGone().forEach(h -> line("-", "host " + h + " is gone"));
    d.componentsNew().forEach(c -> line("+", c + " is new"));
    d.componentsGone().forEach(c -> line("-", c + " is gone"));
    for (RoleChange r : d.rolesChanged()) {
      line(
          "~",
          r.component() + " is now " + r.after().title() + " (was " + r.before().title() + ")");
    }
    for (ListenerChange l : d.listenersNew()) {
      line(
          "+",
          l.component()
              + " now listens on "
              + ports(l.addresses(), l.port())
              + " ("
              + l.scope()
              + ")");
    }
    for (ListenerChange l : d.listenersGone()) {
      line("-", l.component() + " no longer listens on " + ports(l.addresses(), l.port()));
    }
    for (ScopeChange s : d.scopeChanges()) {
      line(
          "~",
          s.component()
              + " :"
              + s.port()
              + " now listens "
              + scopeWords(s.after())
              + " ("
              + String.join(", ", s.addressesAfter())
              + "; was "
              + (s.before() == s.after() ? "" : scopeWords(s.before()) + ": ")
              + String.join(", ", s.addressesBefore())
              + ")");
    }
    for (EdgeChange e : d.edgesNew()) {
      line("+", "edge " + edge(e) + " is new");
    }
    for (EdgeChange e : d.edgesGone()) {
      line("-", "edge " + edge(e) + " is gone");
    }
  }

  private void line(String mark, String text) {
    Style style = mark.equals("+") ? Style.GREEN : mark.equals("-") ? Style.RED : Style.YELLOW;
    out.line(Text.of(mark + " ", style).add(text));
  }

  private static String scopeWords(Reach r) {
    return switch (r) {
      case ALL_INTERFACES -> "on all interfaces";
      case LOOPBACK -> "on loopback only";
      case PRIVATE -> "on a private network";
      case LINK_LOCAL -> "on link-local addresses";
      case PUBLIC -> "on a public address";
    };
  }

  private static String ports(List<String> addresses, int port) {
    return String.join(", ", addresses.stream().map(a -> FleetView.hostPort(a, port)).toList());
  }

  private static String edge(EdgeChange e) {
    return e.from()
        + " → "
        + e.to()
        + (e.path() != null ? " unix:" + e.path() : " :" + e.port())
        + (e.crossHost() ? " (across hosts)" : "");
  }
}
