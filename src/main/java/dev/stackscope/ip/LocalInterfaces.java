package dev.stackscope.ip;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** This host's interfaces and their addresses, from {@link NetworkInterface} (no name lookups). */
public final class LocalInterfaces {
  /** One interface address with its prefix length. */
  public record Address(IpAddress address, int prefixLength) {}

  /** One interface. */
  public record Interface(
      String name, int index, boolean up, boolean loopback, List<Address> addresses) {}

  private LocalInterfaces() {}

  public static List<Interface> read() throws SocketException {
    List<Interface> out = new ArrayList<>();
    var all = NetworkInterface.getNetworkInterfaces();
    if (all == null) {
      return out;
    }
    for (NetworkInterface ni : Collections.list(all)) {
      List<Address> addresses = new ArrayList<>();
      for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
        if (ia.getAddress() == null) {
          continue;
        }
        IpAddress a = IpAddress.fromBytes(ia.getAddress().getAddress());
        if (a.version() == 6 && (a.hi() >>> 54) == (0xfe80L >>> 6)) { // link-local: needs its zone
          a = a.withZone(ni.getName());
        }
        addresses.add(new Address(a, ia.getNetworkPrefixLength()));
      }
      out.add(new Interface(ni.getName(), ni.getIndex(), ni.isUp(), ni.isLoopback(), addresses));
    }
    out.sort(java.util.Comparator.comparingInt(Interface::index));
    return out;
  }
}
