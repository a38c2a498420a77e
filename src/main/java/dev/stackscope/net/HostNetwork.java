package dev.stackscope.net;

import java.util.List;

/** How the host is attached to the network: interfaces, names, default gateways, DNS servers. */
public record HostNetwork(
    List<NetInterface> interfaces,
    String hostname,
    String domain,
    String gatewayIpv4,
    String gatewayIpv6,
    List<String> dnsServers) {
  public HostNetwork {
    interfaces = List.copyOf(interfaces);
    dnsServers = List.copyOf(dnsServers);
  }
}
