package dev.stackscope.net;

import java.util.List;

/**
 * A network interface. {@code up} is the kernel's up-and-running flags; {@code loopback} the
 * loopback flag. {@code speedBps} is null when the link does not report one (loopback, virtual
 * interfaces, a link that is down); {@code mac} is null when there is none.
 */
public record NetInterface(
    String name,
    boolean up,
    boolean loopback,
    String mac,
    long mtu,
    Long speedBps,
    List<IfaceAddress> addresses,
    long rxBytes,
    long txBytes) {
  public NetInterface {
    addresses = List.copyOf(addresses);
  }
}
