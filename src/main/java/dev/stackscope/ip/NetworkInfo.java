package dev.stackscope.ip;

import java.math.BigInteger;

/**
 * CIDR arithmetic for one block. IPv4: the network and broadcast addresses are not hosts, except in
 * /31 (RFC 3021 point-to-point: both are) and /32. IPv6 has no broadcast; the network address is
 * the Subnet-Router anycast address (RFC 4291 2.6.1) and not counted as a host, except in /127 (RFC
 * 6164) and /128 — the same convention as Python's {@code ipaddress.hosts()}.
 */
public record NetworkInfo(
    IpAddress network,
    IpAddress broadcast,
    String netmask,
    String wildcard,
    IpAddress firstHost,
    IpAddress lastHost,
    BigInteger hostCount,
    int prefixLength) {

  public static NetworkInfo of(IpAddress anyAddress, int prefix) {
    IpAddress network = anyAddress.network(prefix);
    IpAddress last = anyAddress.lastInPrefix(prefix);
    int bits = anyAddress.bits();
    IpAddress maskAddress = IpAddress.netmask(anyAddress.version(), prefix);
    String mask = maskAddress.toPlainString();
    String wildcard =
        (anyAddress.version() == 4
                ? IpAddress.v4(~maskAddress.v4Value())
                : IpAddress.v6(~maskAddress.hi(), ~maskAddress.lo()))
            .toPlainString();
    BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
    if (anyAddress.version() == 4) {
      if (prefix >= 31) {
        return new NetworkInfo(network, null, mask, wildcard, network, last, size, prefix);
      }
      return new NetworkInfo(
          network,
          last,
          mask,
          wildcard,
          network.next(),
          last.previous(),
          size.subtract(BigInteger.TWO),
          prefix);
    }
    if (prefix >= 127) {
      return new NetworkInfo(network, null, mask, wildcard, network, last, size, prefix);
    }
    return new NetworkInfo(
        network, null, mask, wildcard, network.next(), last, size.subtract(BigInteger.ONE), prefix);
  }
}
