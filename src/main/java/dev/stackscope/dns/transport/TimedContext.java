package dev.stackscope.dns.transport;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose engines are {@link TimedEngine}s, for java.net.http: the client makes
 * the handshake, this keeps its time. {@link #last()} is the engine of the newest connection.
 */
final class TimedContext extends SSLContext {
  private final Spi spi;

  private TimedContext(Spi spi, SSLContext delegate) {
    super(spi, delegate.getProvider(), delegate.getProtocol());
    this.spi = spi;
  }

  static TimedContext of(TrustManager trust, LongSupplier nanoClock)
      throws java.security.GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {trust}, null);
    return new TimedContext(new Spi(ctx, nanoClock), ctx);
  }

  TimedEngine last() {
    return spi.last;
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext ctx;
    private final LongSupplier nanoClock;
    private volatile TimedEngine last;

    Spi(SSLContext ctx, LongSupplier nanoClock) {
      this.ctx = ctx;
      this.nanoClock = nanoClock;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return ctx.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return ctx.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return track(new TimedEngine(ctx.createSSLEngine(), nanoClock));
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return track(new TimedEngine(ctx.createSSLEngine(host, port), nanoClock));
    }

    private SSLEngine track(TimedEngine e) {
      last = e;
      return e;
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return ctx.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return ctx.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return ctx.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return ctx.getSupportedSSLParameters();
    }
  }
}
