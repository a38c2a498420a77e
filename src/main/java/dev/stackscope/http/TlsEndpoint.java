package dev.stackscope.http;

import java.time.Instant;
import java.util.List;

/**
 * What the TLS handshake showed.
 *
 * @param protocol e.g. TLSv1.3
 * @param cipherSuite the negotiated suite
 * @param alpn the application protocol the server chose, or null
 * @param chain the certificates as the server sent them, leaf first
 * @param hostMatches whether the leaf names the host asked for
 * @param verified whether the chain verifies against the trust anchors and names the host
 * @param problem why not, or null
 * @param detail the verifier's own words for an untrusted chain, or null
 * @param ocspStapled whether the server stapled an OCSP response
 */
public record TlsEndpoint(
    String protocol,
    String cipherSuite,
    String alpn,
    List<Certificate> chain,
    boolean hostMatches,
    boolean verified,
    TlsProblem problem,
    String detail,
    boolean ocspStapled) {

  /** One certificate of the chain. */
  public record Certificate(
      String subject,
      String issuer,
      List<String> subjectAltNames,
      Instant notBefore,
      Instant notAfter,
      long daysLeft,
      String keyType,
      int keyBits,
      String signatureAlgorithm,
      String sha256) {}

  /** Why a chain does not verify, in the order they are checked. */
  public enum TlsProblem {
    EXPIRED("expired"),
    NOT_YET_VALID("not yet valid"),
    SELF_SIGNED("self-signed"),
    UNKNOWN_ISSUER("unknown issuer"),
    WRONG_HOST("wrong host");

    private final String word;

    TlsProblem(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }
}
