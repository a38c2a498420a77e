package dev.stackscope.net;

/** Where sockets come from: the kernel's tables and the processes holding them. */
public interface SocketSource {
  /** Reads the sockets {@code request} asks for. Never throws for unreadable parts: see problems. */
  SocketSnapshot read(SocketRequest request);
}
