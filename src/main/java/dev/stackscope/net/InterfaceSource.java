package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Where the host's interfaces and network parameters come from (one reader for every command). */
public interface InterfaceSource {
  /** Every interface, in kernel index order, its addresses classified. */
  List<NetInterface> interfaces();

  /** The interfaces, the host's names, its default gateways and its DNS servers. */
  HostNetwork read();

  /** Every address of every interface, without zones (the stack map's "this host"). */
  default Set<IpAddress> ownAddresses() {
    Set<IpAddress> out = new HashSet<>();
    for (NetInterface i : interfaces()) {
      i.addresses().forEach(a -> out.add(a.address()));
    }
    return out;
  }
}
