package dev.stackscope.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** Turns a host name into addresses (the system's resolver in production, a table in tests). */
@FunctionalInterface
public interface NameResolver {
  List<InetAddress> resolve(String host) throws IOException;

  /** The system's resolver, as the C library and curl use it. */
  static NameResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
