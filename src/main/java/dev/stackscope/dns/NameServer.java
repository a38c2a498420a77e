package dev.stackscope.dns;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.Name;

/** A zone's nameserver: its name and the addresses known for it (none for a glueless one). */
public record NameServer(Name name, List<InetAddress> addresses) {
  public boolean glueless() {
    return addresses.isEmpty();
  }
}
