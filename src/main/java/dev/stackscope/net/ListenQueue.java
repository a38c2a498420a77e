package dev.stackscope.net;

import java.net.InetAddress;

/**
 * A TCP listener's accept queue against its backlog: {@code queued} connections have completed the
 * handshake and wait for the server's accept(); {@code backlog} is what listen() asked for, capped
 * by {@code net.core.somaxconn} (null when unknown: {@code /proc/net/tcp} shows the queue, only
 * netlink the backlog). Once the queue is past the backlog the kernel drops new handshakes and
 * counts them in {@code ListenOverflows}.
 */
public record ListenQueue(
    int ipVersion, InetAddress address, int port, long inode, int queued, Integer backlog) {
  /** At the limit: the next connection waits for a retransmitted SYN or is dropped. */
  public boolean full() {
    return backlog != null && queued > 0 && queued >= backlog;
  }

  /** {@code 3/511}, {@code 3} without a known backlog. */
  public String text() {
    return backlog == null ? Integer.toString(queued) : queued + "/" + backlog;
  }
}
