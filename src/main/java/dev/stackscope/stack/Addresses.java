package dev.stackscope.stack;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/** Address helpers the map needs: IPv4-mapped IPv6 unwrapping and listener scope. */
final class Addresses {
  private Addresses() {}

  /** {@code ::ffff:127.0.0.1} as {@code 127.0.0.1}; other addresses unchanged. */
  static InetAddress unmap(InetAddress a) {
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return a;
        }
      }
      if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return a;
  }

  /** Whether a peer at this address is this host: loopback or one of its own addresses. */
  static boolean isLocal(InetAddress a, Set<InetAddress> own) {
    return a.isLoopbackAddress() || own.contains(a);
  }
}
