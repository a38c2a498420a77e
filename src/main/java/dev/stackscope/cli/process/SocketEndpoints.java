package dev.stackscope.cli.process;

import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.process.FileDescriptor;
import dev.stackscope.process.SocketResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sockets by inode from the net package's snapshot: resolves a descriptor's {@code socket:[inode]}
 * to its endpoints ({@code tcp 127.0.0.1:5432 -> 127.0.0.1:40122}) and finds a process's listeners
 * among its descriptors. Sockets not in the TCP/UDP tables (Unix, netlink) are not resolved.
 */
final class SocketEndpoints implements SocketResolver {
  private final Map<Long, SocketEntry> byInode;

  SocketEndpoints(Map<Long, SocketEntry> byInode) {
    this.byInode = byInode;
  }

  @Override
  public Optional<String> describe(long inode) {
    SocketEntry s = byInode.get(inode);
    if (s == null) {
      return Optional.empty();
    }
    String local = s.protocol() + " " + TransportAddress.text(s.localAddress(), s.localPort());
    if (s.remoteAddress() == null) {
      return Optional.of(local + " (" + s.state() + ")");
    }
    return Optional.of(local + " -> " + TransportAddress.text(s.remoteAddress(), s.remotePort()));
  }

  /** The listening sockets among {@code fds}, in display order. */
  List<SocketEntry> listening(List<FileDescriptor> fds) {
    List<SocketEntry> found = new ArrayList<>();
    for (FileDescriptor f : fds) {
      if (f.kind() == FileDescriptor.Kind.SOCKET) {
        SocketEntry s = byInode.get(f.inode());
        if (s != null && s.isListening() && !found.contains(s)) {
          found.add(s);
        }
      }
    }
    return ListeningPorts.sorted(found);
  }
}
