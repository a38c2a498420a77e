package dev.stackscope.cli.net;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.net.HostNetwork;
import dev.stackscope.net.IfaceAddress;
import dev.stackscope.net.NetInterface;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import dev.stackscope.shell.Frame;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackscope ifaces}: interfaces, their addresses and the host's gateways and DNS. */
@Command(
    name = "ifaces",
    description = {
      "List network interfaces: state, MAC, MTU, speed, addresses with prefix and class,"
          + " traffic counters; then the hostname, domain, default gateways and DNS servers."
    })
public final class IfacesCommand extends BaseCommand {
  @Mixin WatchOptions watch;

  @Override
  protected ExitCode execute(Output out) throws Exception {
    if (watch.enabled()) {
      // the interfaces table is the live part; a row is an interface or one more of its addresses
      return watch.run(
          out,
          o -> {
            HostNetwork host = host().interfaces().read();
            return Frame.of(table(host)).keyedBy(0, 5).json(host);
          });
    }
    HostNetwork host = host().interfaces().read();
    if (out.json()) {
      out.json(host);
      return ExitCode.OK;
    }
    out.table(table(host));
    out.blank();
    out.detail(detail(host));
    return ExitCode.OK;
  }

  private static Table table(HostNetwork host) {
    Table table =
        Table.of(
            Column.text("IFACE"),
            Column.text("STATE"),
            Column.text("MAC"),
            Column.number("MTU"),
            Column.number("SPEED"),
            Column.flexible("ADDRESS"),
            Column.text("CLASS"),
            Column.number("RX"),
            Column.number("TX"));
    for (NetInterface nif : host.interfaces()) {
      Text state = nif.up() ? Text.of("up", Style.GREEN) : Text.of("down", Style.RED);
      String speed = nif.speedBps() == null ? null : bitRate(nif.speedBps());
      if (nif.addresses().isEmpty()) {
        table.row(
            nif.name(),
            state,
            nif.mac(),
            nif.mtu(),
            speed,
            null,
            null,
            bytes(nif.rxBytes()),
            bytes(nif.txBytes()));
      }
      boolean first = true;
      for (IfaceAddress a : nif.addresses()) {
        String address = a.address() + (a.prefixLength() >= 0 ? "/" + a.prefixLength() : "");
        if (first) {
          table.row(
              nif.name(),
              state,
              nif.mac(),
              nif.mtu(),
              speed,
              address,
              a.scope().toString(),
              bytes(nif.rxBytes()),
              bytes(nif.txBytes()));
        } else {
          table.row("", "", "", "", "", address, a.scope().toString(), "", "");
        }
        first = false;
      }
    }
    return table;
  }

  private static Detail detail(HostNetwork host) {
    Detail detail = Detail.titled("Host");
    detail.section("Names").field("hostname", host.hostname()).field("domain", host.domain());
    detail
        .section("Routes and resolvers")
        .field("gateway IPv4", host.gatewayIpv4())
        .field("gateway IPv6", host.gatewayIpv6())
        .field(
            "DNS servers",
            host.dnsServers().isEmpty() ? null : String.join(", ", host.dnsServers()));
    return detail;
  }

  /** Link speed as ip and ethtool write it: 1 Gb/s, 100 Mb/s. */
  static String bitRate(long bps) {
    if (bps >= 1_000_000_000L && bps % 1_000_000_000L == 0) {
      return bps / 1_000_000_000L + " Gb/s";
    }
    if (bps >= 1_000_000L) {
      return bps / 1_000_000L + " Mb/s";
    }
    return bps + " b/s";
  }

  /** Byte counts in binary units: 512 B, 1.5 KiB, 3.2 GiB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
