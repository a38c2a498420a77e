package dev.stackscope.cli.net;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.net.PortsCommand.PortJson;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.host.Host;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.ListenQueues;
import dev.stackscope.net.NetnsPortService;
import dev.stackscope.net.NetnsPortService.Row;
import dev.stackscope.net.PortQuery;
import dev.stackscope.net.PortReport;
import dev.stackscope.net.PublishedPort;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.output.Output;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.shell.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ports --all-netns} (a NETNS column) and the published-port column of {@code ports}: a host
 * listener held by docker-proxy or conmon shown as {@code → CONTAINER ADDRESS:PORT (PROGRAM PID)}.
 */
final class NetnsPortsView {
  private NetnsPortsView() {}

  static ExitCode showAll(
      Output out, Host host, NetnsPortService service, PortQuery query, WatchOptions watch)
      throws Exception {
    if (watch.enabled()) {
      return watch.run(
          out,
          o -> {
            NetnsPortService.Report r = service.renewed().ports(query);
            notes(o, r, host.runningAsRoot());
            ListenQueues q = PortsPressure.queues(host, query.protocols());
            return Frame.of(table(r.rows(), true, q))
                .keyedBy(0, 1, 2, 3, 5)
                .json(json(r.rows(), q))
                .partial(!r.problems().isEmpty());
          });
    }
    NetnsPortService.Report report = service.ports(query);
    // accept queues are read from this namespace's sock_diag: other namespaces' listeners have none
    ListenQueues queues = PortsPressure.queues(host, query.protocols());
    if (out.json()) {
      out.json(json(report.rows(), queues));
    } else {
      out.table(table(report.rows(), true, queues));
    }
    notes(out, report, host.runningAsRoot());
    return report.problems().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
  }

  /** The rows of one namespace's report, with where its published ports lead. */
  static List<Row> rows(PortReport report, Map<Long, PublishedPort> published) {
    List<Row> rows = new ArrayList<>(report.sockets().size());
    for (SocketEntry s : report.sockets()) {
      rows.add(new Row(s, null, s.inode() == 0 ? null : published.get(s.inode())));
    }
    return rows;
  }

  /**
   * The one-line note of a terminal's {@code ports}: other namespaces hold listeners (null when
   * they hold none).
   */
  static String otherNamespacesNote(NetnsPortService service) {
    int[] other = service.otherListeners();
    if (other[0] == 0) {
      return null;
    }
    return other[0]
        + (other[0] == 1 ? " listening socket" : " listening sockets")
        + " in "
        + other[1]
        + (other[1] == 1 ? " other network namespace" : " other network namespaces")
        + ": ports --all-netns";
  }

  static Table table(List<Row> rows, boolean netns, ListenQueues queues) {
    boolean anyPublished = false;
    for (Row r : rows) {
      anyPublished |= r.published() != null;
    }
    List<Column> columns = new ArrayList<>();
    if (netns) {
      columns.add(Column.text("NETNS"));
    }
    columns.addAll(
        List.of(
            Column.text("PROTO"),
            Column.text("LOCAL"),
            Column.text("REMOTE"),
            Column.text("STATE"),
            Column.number("PID"),
            Column.flexible("PROCESS"),
            Column.text("USER"),
            Column.text("SERVICE"),
            Column.text("SCOPE"),
            Column.text("QUEUE")));
    if (anyPublished) {
      columns.add(Column.flexible("PUBLISHED"));
    }
    Table base = PortsTable.of(sockets(rows), queues);
    Table table = new Table(columns);
    int row = 0;
    for (Row r : rows) {
      int owners = Math.max(1, r.socket().owners().size());
      for (int i = 0; i < owners; i++, row++) {
        List<Object> cells = new ArrayList<>();
        if (netns) {
          cells.add(r.netns() == null ? null : r.netns().label());
        }
        for (int c = 0; c < base.columns().size(); c++) {
          cells.add(base.cell(row, c));
        }
        if (anyPublished) {
          cells.add(r.published() == null ? null : published(r.published()));
        }
        table.row(cells.toArray());
      }
    }
    return table;
  }

  private static List<SocketEntry> sockets(List<Row> rows) {
    List<SocketEntry> s = new ArrayList<>(rows.size());
    for (Row r : rows) {
      s.add(r.socket());
    }
    return s;
  }

  /**
   * {@code → web 10.88.0.3:8080 (httpd 4242) via conmon}, {@code → web port 8080 (httpd 4242) via
   * rootlessport}; what is not known is left out or marked.
   */
  static String published(PublishedPort p) {
    StringBuilder b = new StringBuilder("→ ");
    String where =
        p.container() != null ? p.container() : p.netns() != null ? p.netns().label() : null;
    b.append(where == null ? "container" : where);
    if (p.address() != null && p.port() != null) {
      b.append(' ')
          .append(
              TransportAddress.text(AddressParser.parse(p.address()).toInetAddress(), p.port()));
    } else if (p.port() != null) {
      b.append(" port ").append(p.port()); // relayed to a port, on whichever address listens
    } else {
      b.append(" (not followed)");
    }
    if (!p.owners().isEmpty()) {
      SocketOwner o = p.owners().get(0);
      b.append(" (").append(o.process()).append(' ').append(o.pid()).append(')');
    }
    return b.append(" via ").append(p.via()).toString();
  }

  static List<PortJson> json(List<Row> rows, ListenQueues queues) {
    List<PortJson> json = new ArrayList<>(rows.size());
    for (Row r : rows) {
      json.add(
          PortsCommand.portJson(
              r.socket(), PortsPressure.queue(r.socket(), queues), r.netns(), r.published()));
    }
    return json;
  }

  private static void notes(Output out, NetnsPortService.Report report, boolean asRoot) {
    for (String problem : report.problems()) {
      out.note(problem);
    }
    int n = report.hiddenNamespaces();
    if (n > 0) {
      out.note(
          n
              + (n == 1 ? " process's" : " processes'")
              + " network namespace could not be read"
              + (asRoot ? " (not even by root)" : " (other users' processes; root sees them)"));
    }
    if (report.hiddenOwners() > 0) {
      out.note(HiddenOwnersNote.of(report.hiddenOwners(), report.unreadableProcesses(), asRoot));
    }
  }
}
