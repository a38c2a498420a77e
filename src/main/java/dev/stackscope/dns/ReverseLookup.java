package dev.stackscope.dns;

import dev.stackscope.ip.IpAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * PTR lookup of an address, then forward confirmation of every name found: a name is confirmed when
 * its A (IPv4) or AAAA (IPv6) records include the address again.
 */
public final class ReverseLookup {
  /** The PTR query's outcome and each name's forward check. */
  public record Result(String address, String reverseName, Resolution ptr, List<PtrName> names) {}

  /** One PTR target and whether it points back. {@code addresses}: what the name resolves to. */
  public record PtrName(
      String name, long ttl, boolean confirmed, String forwardRcode, List<String> addresses) {}

  private final StubResolver resolver;

  public ReverseLookup(StubResolver resolver) {
    this.resolver = resolver;
  }

  public Result lookup(InetAddress address) {
    String reverse = ReverseMap.fromAddress(address).toString();
    Resolution ptr = resolver.resolve(QueryName.parse(reverse), Type.PTR);
    int forwardType = address instanceof Inet4Address ? Type.A : Type.AAAA;
    String forwardName = Type.string(forwardType);
    List<PtrName> names = new ArrayList<>();
    for (RecordData r : ptr.answer()) {
      if (!r.type().equals("PTR")) {
        continue;
      }
      Resolution fwd = resolver.resolve(QueryName.parse(r.data()), forwardType);
      List<String> addresses = new ArrayList<>();
      boolean confirmed = false;
      for (RecordData a : fwd.answer()) {
        if (a.type().equals(forwardName)) {
          addresses.add(a.data());
          confirmed |= sameAddress(a.data(), address);
        }
      }
      names.add(new PtrName(r.data(), r.ttl(), confirmed, fwd.rcode(), addresses));
    }
    return new Result(IpAddress.text(address), reverse, ptr, names);
  }

  private static boolean sameAddress(String text, InetAddress address) {
    try {
      return Address.getByAddress(text).equals(address);
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
