package dev.stackscope.http;

import dev.stackscope.http.TlsEndpoint.Certificate;
import dev.stackscope.http.TlsEndpoint.TlsProblem;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Makes the TLS handshake and reports the endpoint: it never fails the handshake over the
 * certificate (so the certificate can be shown), it records the verifier's verdict and checks the
 * host name itself (RFC 6125: DNS names with a left-most wildcard, IP addresses in iPAddress SANs).
 */
public final class TlsInspector {
  private final X509TrustManager trust;

  private TlsInspector(X509TrustManager trust) {
    this.trust = trust;
  }

  /** Trusts the JDK's default anchors (its cacerts). */
  public static TlsInspector systemTrust() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    return new TlsInspector((X509TrustManager) f.getTrustManagers()[0]);
  }

  /** Trusts only the PEM certificates in {@code pem} (curl's --cacert). */
  public static TlsInspector trusting(InputStream pem)
      throws GeneralSecurityException, IOException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Collection<? extends java.security.cert.Certificate> certs = cf.generateCertificates(pem);
    if (certs.isEmpty()) {
      throw new CertificateException("no certificate in it");
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    for (java.security.cert.Certificate c : certs) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    return new TlsInspector((X509TrustManager) f.getTrustManagers()[0]);
  }

  /** The handshake's result: the socket to talk over and what it showed. */
  public record Handshake(SSLSocket socket, TlsEndpoint endpoint) {}

  /**
   * TLS over {@code plain} towards {@code host} (a name, or an address literal without brackets),
   * offering {@code alpn}; {@code now} decides validity.
   */
  public Handshake handshake(Socket plain, String host, int port, List<String> alpn, Instant now)
      throws IOException {
    Recorder recorder = new Recorder();
    SSLContext ctx;
    try {
      ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {recorder}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters p = s.getSSLParameters();
    p.setApplicationProtocols(alpn.toArray(String[]::new));
    s.setSSLParameters(p);
    s.startHandshake();
    SSLSession session = s.getSession();
    List<Certificate> chain = new ArrayList<>();
    X509Certificate[] certs = recorder.chain == null ? new X509Certificate[0] : recorder.chain;
    for (X509Certificate c : certs) {
      chain.add(describe(c, now));
    }
    boolean hostMatches = certs.length > 0 && matchesHost(certs[0], host);
    TlsProblem problem = problem(certs, recorder.failure, hostMatches, now);
    String detail =
        recorder.failure != null && problem != null && certs.length > 0 && !expiredOrEarly(problem)
            ? recorder.failure.getMessage()
            : null;
    boolean stapled =
        session instanceof ExtendedSSLSession ext && !ext.getStatusResponses().isEmpty();
    String chosen = s.getApplicationProtocol();
    TlsEndpoint endpoint =
        new TlsEndpoint(
            session.getProtocol(),
            session.getCipherSuite(),
            chosen == null || chosen.isEmpty() ? null : chosen,
            List.copyOf(chain),
            hostMatches,
            problem == null,
            problem,
            detail,
            stapled);
    return new Handshake(s, endpoint);
  }

  /**
   * Why a server's chain does not verify, or null: the leaf's dates first, then the verifier's
   * {@code failure}, then the host name. Shared with clients that make their own handshake.
   */
  public static TlsProblem problem(
      X509Certificate[] certs, CertificateException failure, boolean hostMatches, Instant now) {
    if (certs.length == 0) {
      return TlsProblem.UNKNOWN_ISSUER;
    } else if (now.isAfter(certs[0].getNotAfter().toInstant())) {
      return TlsProblem.EXPIRED;
    } else if (now.isBefore(certs[0].getNotBefore().toInstant())) {
      return TlsProblem.NOT_YET_VALID;
    } else if (failure != null) {
      boolean selfSigned =
          certs.length == 1
              && certs[0].getSubjectX500Principal().equals(certs[0].getIssuerX500Principal());
      return selfSigned ? TlsProblem.SELF_SIGNED : TlsProblem.UNKNOWN_ISSUER;
    }
    return hostMatches ? null : TlsProblem.WRONG_HOST;
  }

  private static boolean expiredOrEarly(TlsProblem p) {
    return p == TlsProblem.EXPIRED || p == TlsProblem.NOT_YET_VALID;
  }

  /**
   * The anchors' verifier (chain only, no host check), for clients that make their own handshake.
   */
  public X509TrustManager trustManager() {
    return trust;
  }

  static Certificate describe(X509Certificate c, Instant now) {
    List<String> sans = new ArrayList<>();
    try {
      Collection<List<?>> alt = c.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> entry : alt) {
          int type = (Integer) entry.get(0);
          if (type == 2) {
            sans.add("DNS:" + entry.get(1));
          } else if (type == 7) {
            sans.add("IP:" + entry.get(1));
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      sans.add("(unreadable: " + e.getMessage() + ")");
    }
    PublicKey key = c.getPublicKey();
    int bits = 0;
    if (key instanceof RSAPublicKey rsa) {
      bits = rsa.getModulus().bitLength();
    } else if (key instanceof ECPublicKey ec) {
      bits = ec.getParams().getOrder().bitLength();
    } else if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      bits = 255;
    } else if (key.getAlgorithm().equals("Ed448")) {
      bits = 448;
    }
    String sha256;
    try {
      sha256 =
          HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      sha256 = null;
    }
    Instant notAfter = c.getNotAfter().toInstant();
    return new Certificate(
        c.getSubjectX500Principal().getName(),
        c.getIssuerX500Principal().getName(),
        List.copyOf(sans),
        c.getNotBefore().toInstant(),
        notAfter,
        Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86400),
        key.getAlgorithm(),
        bits,
        c.getSigAlgName(),
        sha256);
  }

  /** RFC 6125 §6: iPAddress SANs for an address, dNSName SANs (left-most "*" only) for a name. */
  public static boolean matchesHost(X509Certificate c, String host) {
    Collection<List<?>> alt;
    try {
      alt = c.getSubjectAlternativeNames();
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
    if (alt == null) {
      return false;
    }
    boolean literal = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    for (List<?> entry : alt) {
      int type = (Integer) entry.get(0);
      String value = String.valueOf(entry.get(1));
      if (literal && type == 7) {
        try {
          if (AddressParser.parse(value).equals(AddressParser.parse(host))) {
            return true;
          }
        } catch (InvalidAddressException e) {
          // not a literal after all: no match
        }
      } else if (!literal && type == 2 && dnsNameMatches(value, host)) {
        return true;
      }
    }
    return false;
  }

  static boolean dnsNameMatches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
    }
    return p.equals(h);
  }

  /** Records the chain and the verifier's verdict; never fails the handshake. */
  private final class Recorder extends ServerTrustManager {
    X509Certificate[] chain;
    CertificateException failure;

    @Override
    protected void checkServer(X509Certificate[] certs, String authType) {
      chain = certs.clone();
      try {
        trust.checkServerTrusted(certs, authType);
      } catch (CertificateException | RuntimeException e) {
        failure =
            e instanceof CertificateException ce ? ce : new CertificateException(e.getMessage());
      }
    }
  }
}
