package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import java.io.UncheckedIOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The interfaces as the kernel lists them (names, index, flags, MAC, MTU, addresses with prefix
 * lengths): the JDK's {@link NetworkInterface} on the live host, a fixture in tests. {@link
 * SystemInterfaceSource} adds counters, speeds and classes from the files.
 */
public interface Links {
  /** One interface's kernel facts. {@code mac} is null or empty when it has none. */
  record Link(
      String name,
      int index,
      boolean up,
      boolean loopback,
      byte[] mac,
      int mtu,
      List<LinkAddress> addresses) {}

  /** One address of a link and its prefix length. */
  record LinkAddress(IpAddress address, int prefixLength) {}

  /**
   * Every interface, in any order.
   *
   * @throws UncheckedIOException when they cannot be listed
   */
  List<Link> list();

  /** Every address of every interface (cheaper than {@link #list()} where that matters). */
  default List<IpAddress> addresses() {
    List<IpAddress> out = new ArrayList<>();
    for (Link l : list()) {
      for (LinkAddress a : l.addresses()) {
        out.add(a.address());
      }
    }
    return out;
  }

  /** The live host's, from the JDK. */
  static Links jdk() {
    return JdkLinks.INSTANCE;
  }

  /** {@link Links} from {@link NetworkInterface}. */
  final class JdkLinks implements Links {
    static final JdkLinks INSTANCE = new JdkLinks();

    private JdkLinks() {}

    @Override
    public List<Link> list() {
      List<Link> out = new ArrayList<>();
      for (NetworkInterface ni : interfaces()) {
        try {
          List<LinkAddress> addresses = new ArrayList<>();
          for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() != null) {
              addresses.add(
                  new LinkAddress(
                      IpAddress.fromBytes(ia.getAddress().getAddress()),
                      ia.getNetworkPrefixLength()));
            }
          }
          out.add(
              new Link(
                  ni.getName(),
                  ni.getIndex(),
                  ni.isUp(),
                  ni.isLoopback(),
                  ni.getHardwareAddress(),
                  ni.getMTU(),
                  addresses));
        } catch (SocketException e) {
          // the interface went away while it was read
        }
      }
      return out;
    }

    @Override
    public List<IpAddress> addresses() {
      List<IpAddress> out = new ArrayList<>();
      for (NetworkInterface ni : interfaces()) {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
          if (ia.getAddress() != null) {
            out.add(IpAddress.fromBytes(ia.getAddress().getAddress()));
          }
        }
      }
      return out;
    }

    private static List<NetworkInterface> interfaces() {
      try {
        var all = NetworkInterface.getNetworkInterfaces();
        return all == null ? new ArrayList<>() : Collections.list(all);
      } catch (SocketException e) {
        throw new UncheckedIOException("cannot list the network interfaces: " + e.getMessage(), e);
      }
    }
  }
}
