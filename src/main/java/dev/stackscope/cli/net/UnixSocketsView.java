package dev.stackscope.cli.net;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.net.ConnectAccess;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.UnixQuery;
import dev.stackscope.net.UnixReport;
import dev.stackscope.net.UnixSocket;
import dev.stackscope.net.UnixSocketService;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import dev.stackscope.shell.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ports --unix}: Unix sockets as a table (one row per holder, as {@link PortsTable}) or as
 * JSON (one object per socket). The words for who can connect are chosen here.
 */
final class UnixSocketsView {
  private UnixSocketsView() {}

  /** The JSON shape of one Unix socket. */
  record UnixJson(
      String type,
      String path,
      boolean abstractName,
      String state,
      long inode,
      Long receiveQueue,
      Long sendQueue,
      Long acceptQueue,
      Long backlog,
      boolean acceptQueueFull,
      Long uid,
      List<SocketOwner> owners,
      PeerJson peer,
      FileJson file,
      String whoCanConnect,
      String connectGroup,
      boolean rootEquivalent) {}

  record PeerJson(long inode, String path, List<SocketOwner> owners) {}

  record FileJson(
      boolean present, Integer uid, String owner, Integer gid, String group, String mode) {}

  /** Lists once, or as a live view with --watch; the exit code as {@code ports} decides it. */
  static ExitCode show(
      Output out, UnixSocketService service, UnixQuery query, WatchOptions watch, boolean asRoot)
      throws Exception {
    if (watch.enabled()) {
      return watch.run(
          out,
          o -> {
            UnixReport r = service.sockets(query);
            notes(o, r, asRoot);
            return Frame.of(table(r.sockets()))
                .keyedBy(0, 1, 4, 6)
                .json(json(r))
                .partial(partial(r));
          });
    }
    UnixReport report = service.sockets(query);
    if (!report.available()) {
      throw CommandException.failure(String.join("; ", report.problems()));
    }
    if (out.json()) {
      out.json(json(report));
    } else {
      out.table(table(report.sockets()));
    }
    notes(out, report, asRoot);
    return partial(report) ? ExitCode.PARTIAL : ExitCode.OK;
  }

  private static boolean partial(UnixReport r) {
    return !r.problems().isEmpty();
  }

  private static void notes(Output out, UnixReport report, boolean asRoot) {
    for (String problem : report.problems()) {
      out.note(problem);
    }
    if (report.hiddenOwners() > 0) {
      out.note(HiddenOwnersNote.of(report.hiddenOwners(), report.unreadableProcesses(), asRoot));
    }
  }

  static Table table(List<UnixSocket> sockets) {
    Table table =
        Table.of(
            Column.text("TYPE"),
            Column.text("PATH"),
            Column.text("STATE"),
            Column.text("QUEUE"),
            Column.number("INODE"),
            Column.text("PEER"),
            Column.number("PID"),
            Column.flexible("PROCESS"),
            Column.text("USER"),
            Column.text("ACCESS"));
    // Thousands of rows repeat a few types, states, paths, holders and users: one cell for each
    // distinct text keeps the table, alive while it renders, small enough for the warm server's
    // young generation (bench/README.md, Unix sockets). A Table never changes its cells.
    Map<String, Text> shared = new HashMap<>();
    Text none = Text.of("-");
    Text blank = Text.empty();
    for (UnixSocket s : sockets) {
      Text type = shared(shared, s.type().toString());
      Text path = shared(shared, s.name() == null ? "*" : s.name());
      Text state = shared(shared, s.state().toString());
      Text queue = queue(s, blank);
      Text inode = Text.of(Long.toString(s.inode()));
      Text peer = Text.of(peer(s));
      Text access = s.access() == null ? blank : access(s.access());
      if (s.owners().isEmpty()) {
        table.row(type, path, state, queue, inode, peer, none, none, none, access);
      }
      for (SocketOwner o : s.owners()) {
        table.row(
            type,
            path,
            state,
            queue,
            inode,
            peer,
            shared(shared, Integer.toString(o.pid())),
            o.process() == null ? none : shared(shared, o.process()),
            o.user() == null ? none : shared(shared, o.user()),
            access);
      }
    }
    return table;
  }

  private static Text shared(Map<String, Text> shared, String text) {
    Text t = shared.get(text);
    if (t == null) {
      t = Text.of(text);
      shared.put(text, t);
    }
    return t;
  }

  /** A listener's accept queue against its backlog ({@code 0/128}), FULL at the limit. */
  private static Text queue(UnixSocket s, Text empty) {
    if (s.state() != dev.stackscope.net.SocketState.LISTENING || s.sendQueue() < 0) {
      return empty;
    }
    String text = s.receiveQueue() + "/" + s.sendQueue();
    return s.acceptQueueFull() ? Text.of(text + " FULL", Style.RED) : Text.of(text);
  }

  /** The peer's inode and first holder ({@code 4812 nginx/903}), its name when it has one. */
  private static String peer(UnixSocket s) {
    if (s.peer() == null) {
      return "*";
    }
    StringBuilder sb = new StringBuilder().append(s.peer().inode());
    List<SocketOwner> owners = s.peer().owners();
    if (!owners.isEmpty()) {
      SocketOwner o = owners.get(0);
      sb.append(' ').append(o.process()).append('/').append(o.pid());
      if (owners.size() > 1) {
        sb.append(" +").append(owners.size() - 1);
      }
    }
    if (s.peer().name() != null && !s.peer().name().equals(s.name())) {
      sb.append(' ').append(s.peer().name());
    }
    return sb.toString();
  }

  static Text access(ConnectAccess a) {
    if (a == null) {
      return Text.empty();
    }
    String words =
        switch (a.who()) {
          case ANY_USER -> "any user";
          case GROUP -> "group " + (a.group() != null ? a.group() : a.gid());
          case OWNER -> "owner";
          case ROOT_ONLY -> "root only";
          case NOBODY -> "file removed";
          case UNKNOWN -> "unknown";
        };
    if (a.rootEquivalent()) {
      return Text.of(words + ": root-equivalent", Style.RED);
    }
    return a.who() == ConnectAccess.Who.ANY_USER ? Text.of(words, Style.YELLOW) : Text.of(words);
  }

  static List<UnixJson> json(UnixReport report) {
    List<UnixJson> json = new ArrayList<>(report.sockets().size());
    for (UnixSocket s : report.sockets()) {
      boolean listener = s.state() == dev.stackscope.net.SocketState.LISTENING;
      Long rq = s.receiveQueue() < 0 ? null : s.receiveQueue();
      Long sq = s.sendQueue() < 0 ? null : s.sendQueue();
      UnixSocket.SocketFile f = s.file();
      ConnectAccess a = s.access();
      json.add(
          new UnixJson(
              s.type().toString(),
              s.name(),
              s.abstractName(),
              s.state().toString(),
              s.inode(),
              rq,
              sq,
              listener ? rq : null,
              listener ? sq : null,
              s.acceptQueueFull(),
              s.uid() < 0 ? null : s.uid(),
              s.owners(),
              s.peer() == null
                  ? null
                  : new PeerJson(s.peer().inode(), s.peer().name(), s.peer().owners()),
              f == null
                  ? null
                  : new FileJson(
                      f.present(),
                      f.uid(),
                      f.owner(),
                      f.gid(),
                      f.group(),
                      f.mode() == null ? null : String.format("%04o", f.mode())),
              a == null ? null : a.who().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              a == null ? null : a.group(),
              a != null && a.rootEquivalent()));
    }
    return json;
  }
}
