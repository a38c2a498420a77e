package dev.stackscope.dns;

import java.util.List;

/**
 * The outcome of one stub query: what was asked, the rcode and flags of the reply, the server that
 * answered, and the answer and authority sections. {@code answer} holds only the records that
 * answer the question: its CNAME chain and the records of the type asked at its end ({@link
 * CnameChain}); {@code ignored}, the rest of the answer section. {@code rcode} is null when no
 * server gave a usable reply; {@code attempts} then says what each one did.
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
    List<Attempt> attempts) {

  /** What one server did with the query. */
  public record Attempt(String server, String protocol, String outcome) {}

  public boolean answered() {
    return rcode != null;
  }
}
