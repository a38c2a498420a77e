package dev.stackscope.dns.transport;

import dev.stackscope.http.ServerTrustManager;
import dev.stackscope.http.TlsEndpoint.TlsProblem;
import dev.stackscope.http.TlsInspector;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * The trust manager for a client that makes its own handshake (java.net.http): the same verdict as
 * {@link TlsInspector#handshake} (chain, dates, host name), kept for the report; it fails the
 * handshake when the verdict is bad, unless insecure. It is the one host-name check (the JDK adds
 * none to a {@link ServerTrustManager}).
 */
final class VerdictTrust extends ServerTrustManager {
  private final TlsTrust trust;
  private final String host;
  private final Clock clock;
  private volatile TlsProblem problem;

  VerdictTrust(TlsTrust trust, String host, Clock clock) {
    this.trust = trust;
    this.host = host;
    this.clock = clock;
  }

  TlsProblem problem() {
    return problem;
  }

  @Override
  protected void checkServer(X509Certificate[] chain, String authType) throws CertificateException {
    CertificateException failure = null;
    try {
      trust.anchors().trustManager().checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      failure = e;
    }
    boolean hostMatches = chain.length > 0 && TlsInspector.matchesHost(chain[0], host);
    problem = TlsInspector.problem(chain, failure, hostMatches, clock.instant());
    if (problem != null && !trust.insecure()) {
      throw new CertificateException(
          "the server's certificate does not verify for " + host + ": " + problem);
    }
  }
}
