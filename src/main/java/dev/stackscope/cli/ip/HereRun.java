package dev.stackscope.cli.ip;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.host.Host;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RouteLookup;
import dev.stackscope.net.OutboundRoute;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code ip --here ADDRESS...}: the route this host would use for each address. */
final class HereRun {
  /**
   * One answer, as --json shows it.
   *
   * @param route the matching route as CIDR ({@code 0.0.0.0/0} for a default route), or null
   * @param onLink delivered directly on the link (no gateway)
   * @param own the address is this host's own (or loopback): delivered locally
   * @param holder the interface that has an own address
   */
  record Here(
      String input,
      String address,
      boolean reachable,
      boolean own,
      String holder,
      String interfaceName,
      String source,
      String gateway,
      Boolean onLink,
      String route,
      Long metric) {}

  private HereRun() {}

  static ExitCode run(Output out, Host host, Iterator<String> inputs) {
    OutboundRoute lookup =
        new OutboundRoute(
            new RouteLookup(RouteLookup.read(host.proc()), RouteLookup::interfaceName),
            host.links().list());
    List<Here> answers = new ArrayList<>();
    boolean failed = false;
    while (inputs.hasNext()) {
      String input = inputs.next();
      IpAddress a;
      try {
        a = AddressParser.parse(input);
      } catch (InvalidAddressException e) {
        out.note(input + ": " + e.getMessage());
        failed = true;
        continue;
      }
      Here h = of(input, lookup.of(a));
      failed |= !h.reachable();
      if (!h.reachable()) {
        out.note(input + ": no route to it (network unreachable)");
      }
      answers.add(h);
    }
    if (out.json()) {
      out.json(answers);
    } else {
      boolean first = true;
      for (Here h : answers) {
        if (!h.reachable()) {
          continue;
        }
        if (!first) {
          out.blank();
        }
        first = false;
        out.detail(detail(h));
      }
    }
    return failed ? ExitCode.FAILURE : ExitCode.OK;
  }

  static Here of(String input, OutboundRoute.Answer a) {
    RouteLookup.Route r = a.route();
    return new Here(
        input,
        a.destination().toString(),
        a.reachable(),
        a.own(),
        a.holder(),
        a.interfaceName(),
        a.source() == null ? null : a.source().toString(),
        a.gateway() == null ? null : a.gateway().toString(),
        a.reachable() && !a.own() ? a.gateway() == null : null,
        r == null ? null : r.destination() + "/" + r.prefixLength(),
        r == null ? null : r.metric());
  }

  private static Detail detail(Here h) {
    Detail d = Detail.titled(h.input());
    Detail.Section s = d.section("Route");
    if (h.own()) {
      s.field(
          "delivery",
          "local: this host's own address"
              + (h.holder() != null && !h.holder().equals(h.interfaceName())
                  ? " (on " + h.holder() + ")"
                  : ""));
    } else {
      s.field(
          "delivery", h.gateway() != null ? "via gateway " + h.gateway() : "directly on the link");
      s.field("route", h.route() + " metric " + h.metric());
    }
    s.field(
        "interface",
        h.interfaceName() == null
            ? "(unknown: a link-local address needs its zone, e.g. %eth0)"
            : h.interfaceName());
    s.field("source", h.source() == null ? "(no address on the interface)" : h.source());
    return d;
  }
}
