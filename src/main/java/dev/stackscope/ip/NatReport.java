package dev.stackscope.ip;

import java.util.List;

/**
 * What this host looks like from outside: {@code stackscope nat --json}.
 *
 * @param interfaces the interfaces and their addresses, classified
 * @param gateway the preferred default gateway (IPv4 first, lowest metric), or null
 * @param gateways every default route
 * @param assessment what STUN showed, or what the local addresses alone suggest
 * @param stun what the STUN server saw, or null without --stun
 */
public record NatReport(
    List<InterfaceView> interfaces,
    GatewayView gateway,
    List<GatewayView> gateways,
    NatAssessment assessment,
    StunReport stun) {

  /** An interface with classified addresses. */
  public record InterfaceView(
      String name, boolean up, boolean loopback, List<AddressView> addresses) {}

  /** One classified interface address. */
  public record AddressView(
      String address, int prefixLength, int version, Verdict verdict, String block) {}

  /** A default route's next hop, classified. */
  public record GatewayView(String address, String interfaceName, int version, Verdict verdict) {}
}
