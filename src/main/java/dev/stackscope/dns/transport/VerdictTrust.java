package dev.stackscope.dns.transport;

import dev.stackscope.http.TlsEndpoint.TlsProblem;
import dev.stackscope.http.TlsInspector;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager for a client that makes its own handshake (java.net.http): the same verdict as
 * {@link TlsInspector#handshake} (chain, dates, host name), kept for the report; it fails the
 * handshake when the verdict is bad, unless insecure. Being an extended trust manager, it is the
 * one host-name check (the JDK adds none).
 */
final class VerdictTrust extends X509ExtendedTrustManager {
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

  private void check(X509Certificate[] chain, String authType) throws CertificateException {
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

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("not a server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("not a server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("not a server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
