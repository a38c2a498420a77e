package dev.stackscope.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.NetworkIF;
import oshi.software.os.NetworkParams;

/** Interfaces from OSHI's {@code NetworkIF}, host parameters from its {@code NetworkParams}. */
public final class OshiInterfaceSource implements InterfaceSource {
  @Override
  public HostNetwork read() {
    SystemInfo si = new SystemInfo();
    List<NetworkIF> ifs = new ArrayList<>(si.getHardware().getNetworkIFs(true));
    ifs.sort(Comparator.comparingInt(NetworkIF::getIndex));
    List<NetInterface> interfaces = new ArrayList<>(ifs.size());
    for (NetworkIF nif : ifs) {
      List<IfaceAddress> addresses = new ArrayList<>();
      addAll(addresses, nif.getIPv4addr(), nif.getSubnetMasks());
      addAll(addresses, nif.getIPv6addr(), nif.getPrefixLengths());
      String mac = emptyToNull(nif.getMacaddr());
      if ("00:00:00:00:00:00".equals(mac)) {
        mac = null;
      }
      long speed = nif.getSpeed();
      interfaces.add(
          new NetInterface(
              nif.getName(),
              nif.getIfOperStatus() == NetworkIF.IfOperStatus.UP || isUp(nif),
              mac,
              nif.getMTU(),
              speed > 0 && speed < Long.MAX_VALUE / 2 ? speed : null,
              addresses,
              nif.getBytesRecv(),
              nif.getBytesSent()));
    }
    NetworkParams params = si.getOperatingSystem().getNetworkParams();
    return new HostNetwork(
        interfaces,
        emptyToNull(params.getHostName()),
        emptyToNull(params.getDomainName()),
        emptyToNull(params.getIpv4DefaultGateway()),
        emptyToNull(params.getIpv6DefaultGateway()),
        List.of(params.getDnsServers()));
  }

  /** Loopback reports operstate "unknown" on Linux although it is up: ask the interface flags. */
  private static boolean isUp(NetworkIF nif) {
    try {
      java.net.NetworkInterface ni = nif.queryNetworkInterface();
      return ni != null && ni.isUp();
    } catch (java.net.SocketException | RuntimeException e) {
      return false;
    }
  }

  private static void addAll(List<IfaceAddress> into, String[] addresses, Short[] prefixes) {
    for (int i = 0; i < addresses.length; i++) {
      String text = addresses[i];
      int percent = text.indexOf('%');
      if (percent >= 0) {
        text = text.substring(0, percent);
      }
      int prefix = i < prefixes.length && prefixes[i] != null ? prefixes[i] : -1;
      try {
        InetAddress a = AddressScope.literal(text);
        into.add(new IfaceAddress(AddressText.of(a), prefix, AddressScope.of(a)));
      } catch (IllegalArgumentException e) {
        // not an address: OSHI had nothing usable for this slot
      }
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() || s.equals("unknown") ? null : s.strip();
  }
}
