package dev.stackscope.ip;

/** RFC 4787's names for how a NAT maps (section 4.1) or filters (section 5) UDP flows. */
public enum NatBehaviour {
  ENDPOINT_INDEPENDENT("endpoint-independent"),
  ADDRESS_DEPENDENT("address-dependent"),
  ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

  private final String label;

  NatBehaviour(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
