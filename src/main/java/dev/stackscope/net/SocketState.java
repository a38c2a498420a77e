package dev.stackscope.net;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A socket's state, named as ss names them. The kernel's code 7 (TCP_CLOSE) is {@link #CLOSED} for
 * TCP and {@link #UNCONNECTED} for UDP, where it means "bound, no peer" — ss's UNCONN, which ss
 * (and stackscope) count as listening.
 */
public enum SocketState {
  ESTABLISHED("established"),
  SYN_SENT("syn-sent"),
  SYN_RECV("syn-recv"),
  FIN_WAIT_1("fin-wait-1"),
  FIN_WAIT_2("fin-wait-2"),
  TIME_WAIT("time-wait"),
  CLOSED("closed"),
  CLOSE_WAIT("close-wait"),
  LAST_ACK("last-ack"),
  LISTENING("listening"),
  CLOSING("closing"),
  UNCONNECTED("unconnected"),
  UNKNOWN("unknown");

  private final String label;

  SocketState(String label) {
    this.label = label;
  }

  /** The state for the kernel's numeric code in {@code /proc/net/*} (include/net/tcp_states.h). */
  public static SocketState fromKernelCode(int code, Protocol protocol) {
    return switch (code) {
      case 1 -> ESTABLISHED;
      case 2 -> SYN_SENT;
      case 3, 12 -> SYN_RECV; // 12: TCP_NEW_SYN_RECV, shown by ss as SYN-RECV
      case 4 -> FIN_WAIT_1;
      case 5 -> FIN_WAIT_2;
      case 6 -> TIME_WAIT;
      case 7 -> protocol == Protocol.UDP ? UNCONNECTED : CLOSED;
      case 8 -> CLOSE_WAIT;
      case 9 -> LAST_ACK;
      case 10 -> LISTENING;
      case 11 -> CLOSING;
      default -> UNKNOWN;
    };
  }

  /** True for a socket waiting for peers: a TCP listener or an unconnected UDP socket (ss -l). */
  public boolean isListening() {
    return this == LISTENING || this == UNCONNECTED;
  }

  /**
   * True when a user's {@code --state} filter {@code wanted} selects this state. As in ss,
   * "listening" also selects unconnected UDP sockets and "closed" selects them too.
   */
  public boolean matches(SocketState wanted) {
    if (wanted == this) {
      return true;
    }
    return this == UNCONNECTED && (wanted == LISTENING || wanted == CLOSED);
  }

  /** The state named {@code name} (ss's names, case-insensitive), or null. */
  public static SocketState byLabel(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    if (n.equals("listen")) {
      n = "listening";
    }
    for (SocketState s : values()) {
      if (s != UNKNOWN && s.label.equals(n)) {
        return s;
      }
    }
    return null;
  }

  /** The names accepted by {@link #byLabel}. */
  public static List<String> labels() {
    return Arrays.stream(values()).filter(s -> s != UNKNOWN).map(s -> s.label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
