package dev.stackscope.ip;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A small STUN Binding client (RFC 8489 over UDP). Retransmits with a doubling RTO (section 6.2.1)
 * but never beyond one overall timeout per transaction, so a silent or lying server costs at most
 * that long. Datagrams that do not answer the transaction (other traffic, stale retransmissions)
 * are ignored; a malformed answer is an error at once.
 */
public final class StunClient {
  /** One answered transaction: the parsed response and the address it came from. */
  public record Answer(StunMessage.Response response, TransportAddress from) {}

  private final StunTransport transport;
  private final Duration timeout;
  private final Duration initialRto;
  private final LongSupplier nanoTime;
  private final Random random;

  public StunClient(
      StunTransport transport,
      Duration timeout,
      Duration initialRto,
      LongSupplier nanoTime,
      Random random) {
    this.transport = transport;
    this.timeout = timeout;
    this.initialRto = initialRto;
    this.nanoTime = nanoTime;
    this.random = random;
  }

  /** A client on a real clock with a 250 ms initial RTO. */
  public static StunClient of(StunTransport transport, Duration timeout) {
    return new StunClient(
        transport, timeout, Duration.ofMillis(250), System::nanoTime, new SecureRandom());
  }

  public TransportAddress local() {
    return transport.local();
  }

  /**
   * Sends a Binding request and waits for its answer.
   *
   * @return the answer, or null when none came within the timeout
   * @throws StunException when the answer is malformed or an error response, or the socket fails
   */
  public Answer binding(TransportAddress server, boolean changeIp, boolean changePort)
      throws StunException {
    byte[] txId = new byte[12];
    random.nextBytes(txId);
    byte[] request = StunMessage.bindingRequest(txId, changeIp, changePort);
    long start = nanoTime.getAsLong();
    long deadline = start + timeout.toNanos();
    long rto = initialRto.toNanos();
    long nextSend = start;
    String ignored = null;
    try {
      while (true) {
        long now = nanoTime.getAsLong();
        if (now - deadline >= 0) {
          return null;
        }
        if (now - nextSend >= 0) {
          transport.send(request, server);
          nextSend = now + rto;
          rto *= 2;
        }
        long wait = Math.min(nextSend, deadline) - now;
        StunTransport.Datagram d = transport.receive(Duration.ofNanos(Math.max(wait, 1_000_000)));
        if (d == null) {
          continue;
        }
        if (!StunMessage.answers(d.data(), d.length(), txId)) {
          ignored = d.from().toString();
          continue;
        }
        StunMessage.Response r;
        try {
          r = StunMessage.parse(d.data(), d.length());
        } catch (StunException e) {
          throw new StunException(e.getMessage() + " (from " + d.from() + ")");
        }
        if (r.type() == StunMessage.BINDING_ERROR) {
          throw new StunException(
              "STUN server "
                  + d.from()
                  + " answered with error "
                  + (r.errorCode() == null ? "(no code)" : r.errorCode() + " " + r.errorReason())
                      .strip());
        }
        return new Answer(r, d.from());
      }
    } catch (IOException e) {
      throw new StunException(
          "STUN request to "
              + server
              + " failed: "
              + e.getMessage()
              + (ignored == null ? "" : " (ignored unrelated datagrams from " + ignored + ")"),
          e);
    }
  }
}
