package dev.stackscope.ip;

import dev.stackscope.net.IfaceAddress;
import dev.stackscope.net.NetInterface;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link NatReport} from interfaces, default routes and an optional STUN answer. */
public final class NatInspector {
  private final AddressClassifier classifier;

  public NatInspector(AddressClassifier classifier) {
    this.classifier = classifier;
  }

  public NatReport report(
      List<NetInterface> interfaces, List<DefaultRoutes.Gateway> routes, StunReport stun) {
    List<NatReport.InterfaceView> views = new ArrayList<>();
    boolean globalV4 = false;
    boolean privateV4 = false;
    for (NetInterface i : interfaces) {
      List<NatReport.AddressView> addresses = new ArrayList<>();
      for (IfaceAddress a : i.addresses()) {
        Classification c = classifier.classify(a.address());
        // a link-local address is only usable with its zone: the interface's name
        IpAddress shown =
            c.verdict() == Verdict.LINK_LOCAL && a.address().version() == 6
                ? a.address().withZone(i.name())
                : a.address();
        addresses.add(
            new NatReport.AddressView(
                shown.toString(),
                a.prefixLength(),
                a.address().version(),
                c.verdict(),
                c.block() == null ? null : c.block().name()));
        if (i.up() && !i.loopback() && a.address().version() == 4) {
          globalV4 |= c.verdict() == Verdict.GLOBAL;
          privateV4 |= c.verdict() == Verdict.PRIVATE || c.verdict() == Verdict.SHARED;
        }
      }
      views.add(new NatReport.InterfaceView(i.name(), i.up(), i.loopback(), addresses));
    }
    List<NatReport.GatewayView> gateways = new ArrayList<>();
    for (DefaultRoutes.Gateway g : routes) {
      gateways.add(
          new NatReport.GatewayView(
              g.address().toString(),
              g.interfaceName(),
              g.address().version(),
              classifier.classify(g.address()).verdict()));
    }
    NatReport.GatewayView gateway = gateways.isEmpty() ? null : gateways.get(0);
    return new NatReport(
        views, gateway, gateways, assess(globalV4, privateV4, gateway, stun), stun);
  }

  private static NatAssessment assess(
      boolean globalV4, boolean privateV4, NatReport.GatewayView gateway, StunReport stun) {
    if (stun != null) {
      if (!stun.behindNat()) {
        return NatAssessment.NOT_BEHIND_NAT;
      }
      return stun.mappedVerdict() == Verdict.GLOBAL
          ? NatAssessment.BEHIND_NAT
          : NatAssessment.BEHIND_MORE_NAT;
    }
    if (gateway == null) {
      return NatAssessment.NO_DEFAULT_ROUTE;
    }
    if (globalV4) {
      return NatAssessment.GLOBAL_IPV4;
    }
    if (privateV4) {
      return NatAssessment.PRIVATE_IPV4_ONLY;
    }
    return NatAssessment.NO_IPV4;
  }
}
