package dev.stackscope.cli.net;

import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import java.net.InetAddress;

/** The text view of sockets: one row per owner, as ss lists every holder of a shared socket. */
final class PortsTable {
  private PortsTable() {}

  static Table of(Iterable<SocketEntry> sockets) {
    return of(sockets, null);
  }

  /** With each TCP listener's accept queue against its backlog ({@code queues} may be null). */
  static Table of(Iterable<SocketEntry> sockets, dev.stackscope.net.ListenQueues queues) {
    Table table =
        Table.of(
            Column.text("PROTO"),
            Column.text("LOCAL"),
            Column.text("REMOTE"),
            Column.text("STATE"),
            Column.number("PID"),
            Column.flexible("PROCESS"),
            Column.text("USER"),
            Column.text("SERVICE"),
            Column.text("SCOPE"),
            Column.text("QUEUE"));
    for (SocketEntry s : sockets) {
      String proto = s.protocol().toString() + (s.ipVersion() == 6 ? "6" : "");
      String local = endpoint(s.localAddress(), s.localPort());
      String remote = s.remoteAddress() == null ? "*" : endpoint(s.remoteAddress(), s.remotePort());
      Text scope = scope(s);
      Text queue = PortsPressure.cell(PortsPressure.queue(s, queues));
      if (s.owners().isEmpty()) {
        table.row(
            proto,
            local,
            remote,
            s.state().toString(),
            null,
            null,
            null,
            s.service(),
            scope,
            queue);
      }
      for (SocketOwner o : s.owners()) {
        table.row(
            proto,
            local,
            remote,
            s.state().toString(),
            o.pid(),
            o.process(),
            o.user(),
            s.service(),
            scope,
            queue);
      }
    }
    return table;
  }

  private static Text scope(SocketEntry s) {
    String label = s.scope().toString();
    return switch (s.scope()) {
      case PUBLIC, ALL_INTERFACES ->
          s.isListening() ? Text.of(label, Style.YELLOW) : Text.of(label);
      default -> Text.of(label);
    };
  }

  static String endpoint(InetAddress address, int port) {
    return TransportAddress.text(address, port);
  }
}
