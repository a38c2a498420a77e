package dev.stackscope.stack;

import java.io.IOException;
import java.util.List;

/** Where the stack map's TCP sockets come from. */
public interface SocketSource {
  /** Every TCP socket of the host (listeners, connections, TIME_WAITs), with owners where visible. */
  List<StackSocket> tcpSockets() throws IOException;
}
