package dev.stackscope.stack;

import dev.stackscope.ip.DefaultRoutes;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The default gateway a packet to another host leaves by, from the routing tables under /proc. */
public final class DefaultGateway implements Function<InetAddress, String> {
  private final Path procRoot;

  /** @param procRoot where /proc is (its net/route and net/ipv6_route are read) */
  public DefaultGateway(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The default gateway for the address's family, as "ADDRESS dev IFACE", or null. */
  @Override
  public String apply(InetAddress a) {
    try {
      List<DefaultRoutes.Gateway> all = DefaultRoutes.read(procRoot);
      int version = a instanceof Inet6Address ? 6 : 4;
      return all.stream()
          .filter(g -> g.address().version() == version)
          .findFirst()
          .map(g -> g.address() + " dev " + g.interfaceName())
          .orElse(null);
    } catch (IOException e) {
      return null; // no routing table to read: the step says "no default gateway"
    }
  }
}
