package dev.stackscope.net;

import java.util.List;

/**
 * One Unix socket: its inode, type, state and bound name ({@code name} null when unnamed; an
 * abstract name as {@code @name}), the processes holding it, its peer (null when not connected)
 * and, for a socket bound to a path that waits for peers, the socket file and who can connect.
 *
 * <p>{@code receiveQueue} and {@code sendQueue} are -1 when unknown; for a listener they are its
 * accept queue (connections not yet accepted) and its backlog, as ss's Recv-Q and Send-Q. {@code
 * uid} is the socket's creator (-1 on kernels before 5.3).
 */
public record UnixSocket(
    long inode,
    Kind type,
    SocketState state,
    String name,
    boolean abstractName,
    long receiveQueue,
    long sendQueue,
    long uid,
    List<SocketOwner> owners,
    Peer peer,
    SocketFile file,
    ConnectAccess access) {

  public UnixSocket {
    owners = List.copyOf(owners);
  }

  /** The socket types, named as ss names them. */
  public enum Kind {
    STREAM("u_str"),
    DGRAM("u_dgr"),
    SEQPACKET("u_seq"),
    OTHER("u_???");

    private final String ssName;

    Kind(String ssName) {
      this.ssName = ssName;
    }

    /** ss's Netid column: u_str, u_dgr, u_seq. */
    public String ssName() {
      return ssName;
    }

    static Kind of(int sockType) {
      return switch (sockType) {
        case 1 -> STREAM;
        case 2 -> DGRAM;
        case 5 -> SEQPACKET;
        default -> OTHER;
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The other end of a connection: its inode, name and holders. */
  public record Peer(long inode, String name, List<SocketOwner> owners) {
    public Peer {
      owners = List.copyOf(owners);
    }
  }

  /**
   * The file a listener is bound to, as found now: owner, group and permission bits ({@code mode},
   * 0–07777). Null fields when the file is gone or was replaced by another one (a listener nobody
   * can reach by name any more), with {@code present} false.
   */
  public record SocketFile(
      boolean present, Integer uid, String owner, Integer gid, String group, Integer mode) {}

  /** A listener (stream, seqpacket) or a bound datagram socket without a peer: ss -l. */
  public boolean isListening() {
    return state.isListening();
  }

  /** For a listener: the accept queue is at its backlog, new connections are refused or dropped. */
  public boolean acceptQueueFull() {
    return state == SocketState.LISTENING && sendQueue > 0 && receiveQueue >= sendQueue;
  }
}
