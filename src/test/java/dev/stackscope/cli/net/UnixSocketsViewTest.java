package dev.stackscope.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.net.ConnectAccess;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.SocketState;
import dev.stackscope.net.UnixSocket;
import dev.stackscope.output.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text table of {@code ports --unix}: one row per holder, "-" for what is not known. */
class UnixSocketsViewTest {
  private static final SocketOwner APP = new SocketOwner(42, "app", "www");

  private static List<String> row(Table t, int r) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < t.columns().size(); c++) {
      cells.add(t.cell(r, c).plain());
    }
    return cells;
  }

  @Test
  void rowsPerHolderWithPeersQueuesAndUnknownHolders() {
    UnixSocket listener =
        new UnixSocket(
            7,
            UnixSocket.Kind.STREAM,
            SocketState.LISTENING,
            "/run/a.sock",
            false,
            1,
            128,
            0,
            List.of(APP, new SocketOwner(43, null, null)),
            null,
            null,
            new ConnectAccess(ConnectAccess.Who.OWNER, null, null, false));
    UnixSocket accepted =
        new UnixSocket(
            8,
            UnixSocket.Kind.STREAM,
            SocketState.ESTABLISHED,
            "/run/a.sock",
            false,
            0,
            0,
            0,
            List.of(APP),
            new UnixSocket.Peer(9, null, List.of(new SocketOwner(50, "nginx", "root"))),
            null,
            null);
    UnixSocket orphan =
        new UnixSocket(
            10,
            UnixSocket.Kind.DGRAM,
            SocketState.UNCONNECTED,
            null,
            false,
            0,
            0,
            0,
            List.of(),
            null,
            null,
            null);

    Table t = UnixSocketsView.table(List.of(listener, accepted, orphan));

    assertEquals(4, t.size());
    assertEquals(
        List.of(
            "stream", "/run/a.sock", "listening", "1/128", "7", "*", "42", "app", "www", "owner"),
        row(t, 0));
    assertEquals(
        List.of("stream", "/run/a.sock", "listening", "1/128", "7", "*", "43", "-", "-", "owner"),
        row(t, 1));
    assertEquals(
        List.of(
            "stream", "/run/a.sock", "established", "", "8", "9 nginx/50", "42", "app", "www", ""),
        row(t, 2));
    assertEquals(List.of("dgram", "*", "unconnected", "", "10", "*", "-", "-", "-", ""), row(t, 3));
  }
}
