package dev.stackscope.stack;

import dev.stackscope.net.AddressScope;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/** This host's own addresses, from its network interfaces. */
public final class LocalAddresses {
  private LocalAddresses() {}

  /** Every address of every interface; empty when the interfaces cannot be listed. */
  public static Set<InetAddress> ofHost() {
    Set<InetAddress> out = new HashSet<>();
    try {
      Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
      while (all != null && all.hasMoreElements()) {
        Enumeration<InetAddress> addresses = all.nextElement().getInetAddresses();
        while (addresses.hasMoreElements()) {
          out.add(AddressScope.unmap(withoutScope(addresses.nextElement())));
        }
      }
    } catch (SocketException e) {
      return out;
    }
    return out;
  }

  private static InetAddress withoutScope(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (java.net.UnknownHostException e) {
      return a;
    }
  }
}
