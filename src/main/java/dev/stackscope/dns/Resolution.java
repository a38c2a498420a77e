package dev.stackscope.dns;

import dev.stackscope.dns.transport.TlsSession;
import java.util.List;

/**
 * The outcome of one stub query: what was asked, the rcode and flags of the reply, the server that
 * answered, and the answer and authority sections. {@code answer} holds only the records that
 * answer the question: its CNAME chain and the records of the type asked at its end ({@link
 * CnameChain}); {@code ignored}, the rest of the answer section. {@code rcode} is null when no
 * server gave a usable reply; {@code attempts} then says what each one did. {@code edns}: the
 * reply's OPT record (null without one); {@code tls}: the encrypted channel it came over (null for
 * plain UDP and TCP).
 */
public record Resolution(
    String name,
    String unicode,
    String type,
    String rcode,
    List<String> flags,
    String server,
    String protocol,
    Double rttMs,
    Integer bytes,
    List<RecordData> answer,
    List<RecordData> authority,
    List<RecordData> ignored,
    List<Attempt> attempts,
    EdnsReport edns,
    TlsSession tls) {

  /** No server gave a usable reply: {@code attempts} says what each one did. */
  public static Resolution unanswered(
      String name, String unicode, String type, List<Attempt> attempts) {
    return new Resolution(
        name,
        unicode,
        type,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.copyOf(attempts),
        null,
        null);
  }

  /**
   * What one server did with the query: {@code outcome}, and with {@code error} the system's
   * message (null otherwise).
   */
  public record Attempt(String server, String protocol, Outcome outcome, String error) {
    /** What became of one try; JSON: the lowercase word. */
    public enum Outcome {
      /** No reply within the timeout. */
      TIMEOUT,
      /** The reply was truncated: retried over TCP. */
      TRUNCATED,
      /** The server could not be reached, or its reply was garbled. */
      ERROR;

      @Override
      public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }

  public boolean answered() {
    return rcode != null;
  }
}
