package dev.stackscope.stack;

import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.Verdict;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;

/** Address helpers the map needs, over {@code ip}'s address model. */
final class Addresses {
  private Addresses() {}

  /** Whether a peer at this address is this host: loopback or one of its own addresses. */
  static boolean isLocal(IpAddress a, Set<IpAddress> own) {
    IpAddress plain = a.withoutZone().unmapped();
    return own.contains(plain) || AddressClassifier.standard().verdict(plain) == Verdict.LOOPBACK;
  }

  static boolean isLocal(InetAddress a, Set<IpAddress> own) {
    return isLocal(IpAddress.of(a), own);
  }

  /**
   * An IPv4-mapped IPv6 address as its IPv4 address (a dual-stack socket's peer {@code
   * ::ffff:127.0.0.1} is 127.0.0.1); other addresses as they are. The JDK unmaps the addresses it
   * makes from bytes itself; this catches the ones made with a scope.
   */
  static InetAddress unmapped(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return a;
    }
    IpAddress ip = IpAddress.of(a);
    IpAddress plain = ip.unmapped();
    return plain == ip ? a : plain.toInetAddress();
  }
}
