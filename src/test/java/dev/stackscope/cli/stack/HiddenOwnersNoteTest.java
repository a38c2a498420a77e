package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.host.Host;
import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketSnapshot;
import dev.stackscope.net.SocketState;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcessThread;
import dev.stackscope.stack.HostSnapshot;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** stack words hidden socket owners as ports does: as root they are hidden even from root. */
class HiddenOwnersNoteTest {
  private static final ProcessSource NO_PROCESSES =
      new ProcessSource() {
        @Override
        public List<ProcessInfo> snapshot(ProcessFields fields) {
          return List.of();
        }

        @Override
        public Optional<ProcessInfo> process(int pid) {
          return Optional.empty();
        }

        @Override
        public List<ProcessThread> threads(int pid) {
          return List.of();
        }
      };

  private static HostSnapshot hidden(int sockets, int processes) throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    List<SocketEntry> entries =
        java.util.stream.IntStream.range(0, sockets)
            .mapToObj(
                i ->
                    new SocketEntry(
                        Protocol.TCP,
                        4,
                        lo,
                        7000 + i,
                        null,
                        null,
                        SocketState.LISTENING,
                        List.of(),
                        null,
                        null,
                        0,
                        5000 + i))
            .toList();
    HostSnapshot host =
        new HostSnapshot(
            NO_PROCESSES,
            request -> new SocketSnapshot(entries, processes, List.of()),
            Host.live().interfaces());
    host.take();
    return host;
  }

  @Test
  void asRootTheOwnersAreHiddenEvenFromRoot() throws Exception {
    assertEquals(
        "1 socket's owner is hidden (1 process whose descriptors even root cannot read)",
        StackCommand.hiddenOwnersNote(hidden(1, 1), true));
  }

  @Test
  void asAnotherUserRootWouldSeeThem() throws Exception {
    assertEquals(
        "3 sockets' owners are hidden (2 processes not readable by this user); root sees them",
        StackCommand.hiddenOwnersNote(hidden(3, 2), false));
  }
}
