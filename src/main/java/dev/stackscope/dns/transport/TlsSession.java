package dev.stackscope.dns.transport;

/**
 * The encrypted channel a reply came over (DoT or DoH).
 *
 * @param version the TLS version, e.g. TLSv1.3
 * @param cipherSuite the negotiated suite
 * @param alpn the application protocol the server chose ("dot", "h2"), or null
 * @param handshakeMs the TLS handshake's time (after the TCP connect); null when the query went
 *     over a connection an earlier query of this run opened
 * @param reused whether the connection was opened for an earlier query of this run
 * @param verified whether the chain verified against the trust anchors and named the server
 * @param problem why not ("wrong host", "self-signed"...), or null
 * @param url the DoH URL and the HTTP method ("POST" or "GET"); null for DoT
 * @param method see {@code url}
 */
public record TlsSession(
    String version,
    String cipherSuite,
    String alpn,
    Double handshakeMs,
    boolean reused,
    boolean verified,
    String problem,
    String url,
    String method) {}
