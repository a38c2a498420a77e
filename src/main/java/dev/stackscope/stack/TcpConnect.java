package dev.stackscope.stack;

import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.ConnectStep;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code explain --connect}: TCP connections to a host's addresses, in Happy Eyeballs order. */
public final class TcpConnect {
  /** Makes one connection attempt ({@link #tcp} in production; tests fake it). */
  @FunctionalInterface
  public interface Connector {
    ConnectAttempt attempt(InetAddress address, int port, Duration timeout);
  }

  private TcpConnect() {}

  /**
   * Tries the addresses one at a time in Happy Eyeballs order ({@link ConnectOrder}: IPv6 and IPv4
   * interleaved), each for up to {@code timeout}, until one connects.
   */
  public static ConnectStep connect(
      List<InetAddress> addresses, int port, Duration timeout, Connector connector) {
    List<ConnectAttempt> attempts = new ArrayList<>();
    long t0 = System.nanoTime();
    for (InetAddress a : ConnectOrder.of(addresses)) {
      ConnectAttempt attempt = connector.attempt(a, port, timeout);
      attempts.add(attempt);
      if (attempt.ok()) {
        return new ConnectStep(attempt.address(), port, true, since(t0), null, attempts);
      }
    }
    long millis = since(t0);
    if (attempts.isEmpty()) {
      return new ConnectStep(null, port, false, millis, ConnectError.NO_ADDRESS, attempts);
    }
    ConnectAttempt last = attempts.get(attempts.size() - 1);
    return new ConnectStep(last.address(), port, false, millis, last.error(), attempts);
  }

  /** Opens a TCP connection, closes it, and says how it went. */
  public static ConnectAttempt tcp(InetAddress a, int port, Duration timeout) {
    long t0 = System.nanoTime();
    String address = Explainer.text(a);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(a, port), (int) timeout.toMillis());
      return ConnectAttempt.connected(address, since(t0));
    } catch (ConnectException e) {
      // ECONNREFUSED, or ETIMEDOUT when the kernel gave up before our timeout
      boolean timedOut = String.valueOf(e.getMessage()).contains("timed out");
      return ConnectAttempt.failed(
          address, since(t0), timedOut ? ConnectError.TIMED_OUT : ConnectError.REFUSED);
    } catch (SocketTimeoutException e) {
      return ConnectAttempt.failed(address, since(t0), ConnectError.TIMED_OUT);
    } catch (NoRouteToHostException e) {
      return ConnectAttempt.failed(address, since(t0), ConnectError.UNREACHABLE);
    } catch (IOException e) {
      // ENETUNREACH (no route for this family, e.g. IPv6 on an IPv4-only host) is a plain
      // SocketException
      String why = String.valueOf(e.getMessage());
      if (why.contains("Network is unreachable")) {
        return ConnectAttempt.failed(address, since(t0), ConnectError.UNREACHABLE);
      }
      return new ConnectAttempt(address, false, since(t0), ConnectError.OTHER, why);
    }
  }

  private static long since(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
