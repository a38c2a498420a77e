package dev.stackscope.cli;

import dev.stackscope.dns.TcpFraming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The other end of the warm-up's DNS over TLS and HTTPS runs: a server on 127.0.0.1 only, started
 * and stopped by the warm-up, answering every A question with 192.0.2.1 over DoT (ALPN "dot", RFC
 * 7858 framing) and DoH (POST over HTTP/2, RFC 8484, as stackscope's client asks for it) on one
 * port. Without it the warm server's first encrypted runs after start-up find the JDK's TLS and
 * elliptic-curve code cold (interpreted), and take twice kdig's time (bench/README.md). Its
 * certificate is made here, for this server's life, with a fresh P-256 key (the curve most DoT and
 * DoH servers sign with); {@link #caFile()} is that certificate for the runs' --cacert, so they
 * verify it as any server's.
 */
final class TlsTrainingServer implements AutoCloseable {
  /** The largest DNS message read (a warm-up client sends far less). */
  private static final int MAX_READ = 65535;

  private final SSLServerSocket listener;
  private final Path caFile;
  private final Thread acceptor;

  /** Connections served at once (the warm-up's runs use one at a time). */
  static final int MAX_CONNECTIONS = 4;

  private final java.util.concurrent.Semaphore connections =
      new java.util.concurrent.Semaphore(MAX_CONNECTIONS);

  private TlsTrainingServer(SSLServerSocket listener, Path caFile) {
    this.listener = listener;
    this.caFile = caFile;
    this.acceptor = new Thread(this::accept, "stackscope-tls-warm-up");
    acceptor.setDaemon(true);
  }

  /** Starts the server on a free port of 127.0.0.1. */
  static TlsTrainingServer start() throws IOException, GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    Certificate cert = SelfSigned.certificate(key, Instant.now());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] none = new char[0];
    ks.setKeyEntry("warm-up", key.getPrivate(), none, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, none);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    Path ca = Files.createTempFile("stackscope-train", ".pem");
    ca.toFile().deleteOnExit(); // as the hints file: a server that exits mid-warm-up
    SSLServerSocket listener = null;
    try {
      Files.writeString(ca, SelfSigned.pem(cert));
      listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      TlsTrainingServer server = new TlsTrainingServer(listener, ca);
      server.acceptor.start();
      return server;
    } catch (IOException | RuntimeException e) {
      if (listener != null) {
        listener.close();
      }
      Files.deleteIfExists(ca);
      throw e;
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The server's certificate as a PEM file, for --cacert. */
  Path caFile() {
    return caFile;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        SSLSocket s = (SSLSocket) listener.accept();
        if (!connections.tryAcquire()) {
          s.close(); // the warm-up asks one at a time: anyone else on loopback gets no thread
          continue;
        }
        Thread t =
            new Thread(
                () -> {
                  try {
                    serve(s);
                  } finally {
                    connections.release();
                  }
                },
                "stackscope-tls-warm-up-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException | RuntimeException e) {
        // closed, or one failed accept: the warm-up is best effort
      }
    }
  }

  private static void serve(SSLSocket s) {
    try (s) {
      s.setSoTimeout(5000);
      s.setTcpNoDelay(true);
      s.setHandshakeApplicationProtocolSelector(
          (engine, offered) ->
              offered.contains("dot") ? "dot" : offered.contains("h2") ? "h2" : "");
      s.startHandshake();
      if ("h2".equals(s.getApplicationProtocol())) {
        serveH2(s);
      } else {
        serveDot(s);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or sent nonsense: only a warm-up
    }
  }

  private static void serveDot(SSLSocket s) throws IOException {
    while (true) {
      TcpFraming.write(s.getOutputStream(), answer(TcpFraming.read(s.getInputStream())));
    }
  }

  private static final byte[] H2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * HTTP/2 as far as a DoH client's POSTs need: every stream's DATA is a query, answered with
   * HEADERS (:status 200, content-type) and one DATA frame; SETTINGS and PING acknowledged, the
   * rest ignored, until GOAWAY or the client closes. Frames over 16384 bytes end the connection.
   */
  private static void serveH2(SSLSocket s) throws IOException {
    serveH2(
        new java.io.BufferedInputStream(s.getInputStream()),
        new java.io.BufferedOutputStream(s.getOutputStream()));
  }

  /** {@link #serveH2(SSLSocket)} over a connection's two streams. */
  static void serveH2(InputStream in, OutputStream out) throws IOException {
    if (!java.util.Arrays.equals(in.readNBytes(H2_PREFACE.length), H2_PREFACE)) {
      return;
    }
    h2Frame(out, 4, 0, 0, new byte[0]);
    out.flush();
    java.util.Map<Integer, ByteArrayOutputStream> bodies = new java.util.HashMap<>();
    while (true) {
      byte[] h = in.readNBytes(9);
      if (h.length < 9) {
        return;
      }
      int length = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
      int type = h[3] & 0xff;
      int flags = h[4] & 0xff;
      int stream =
          ((h[5] & 0x7f) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
      if (length > 16384) {
        return;
      }
      byte[] payload = in.readNBytes(length);
      if (payload.length < length) {
        return;
      }
      switch (type) {
        case 0 -> { // DATA
          if ((stream & 1) == 0) {
            return; // DATA on stream 0 or on a stream no client opens: a protocol error
          }
          ByteArrayOutputStream body =
              bodies.computeIfAbsent(stream, k -> new ByteArrayOutputStream());
          if (bodies.size() > 16 || body.size() + length > MAX_READ) {
            return;
          }
          body.writeBytes(payload);
          if ((flags & 0x1) != 0) {
            byte[] reply = answer(bodies.remove(stream).toByteArray());
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(0x88); // :status 200, indexed
            block.write(0x0f); // content-type (static index 31), literal without indexing
            block.write(0x10);
            byte[] media = "application/dns-message".getBytes(StandardCharsets.US_ASCII);
            block.write(media.length);
            block.writeBytes(media);
            h2Frame(out, 1, 0x4, stream, block.toByteArray()); // HEADERS, END_HEADERS
            for (int at = 0; at == 0 || at < reply.length; at += 16384) { // the default frame size
              int end = Math.min(reply.length, at + 16384);
              h2Frame(
                  out,
                  0,
                  end == reply.length ? 0x1 : 0, // DATA, END_STREAM on the last
                  stream,
                  java.util.Arrays.copyOfRange(reply, at, end));
            }
            out.flush();
          }
        }
        case 4 -> { // SETTINGS
          if ((flags & 0x1) == 0) {
            h2Frame(out, 4, 0x1, 0, new byte[0]);
            out.flush();
          }
        }
        case 6 -> { // PING
          if ((flags & 0x1) == 0 && length == 8) {
            h2Frame(out, 6, 0x1, 0, payload);
            out.flush();
          }
        }
        case 7 -> { // GOAWAY
          return;
        }
        default -> {
          // HEADERS (the request's fields are not needed), WINDOW_UPDATE, the rest
        }
      }
    }
  }

  private static void h2Frame(OutputStream out, int type, int flags, int stream, byte[] payload)
      throws IOException {
    int n = payload.length;
    out.write(
        new byte[] {
          (byte) (n >>> 16),
          (byte) (n >>> 8),
          (byte) n,
          (byte) type,
          (byte) flags,
          (byte) (stream >>> 24),
          (byte) (stream >>> 16),
          (byte) (stream >>> 8),
          (byte) stream
        });
    out.write(payload);
  }

  private static byte[] answer(byte[] wire) throws IOException {
    Message query;
    try {
      query = new Message(wire);
    } catch (IllegalArgumentException e) { // dnsjava's InvalidTTLException, say
      throw new IOException("not a DNS query: " + e.getMessage(), e);
    }
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setFlag(Flags.RD);
    reply.getHeader().setRcode(Rcode.NOERROR);
    var question = query.getQuestion();
    if (question == null) { // no question to answer (anyone on loopback may send one)
      reply.getHeader().setRcode(Rcode.FORMERR);
      return reply.toWire(MAX_READ);
    }
    reply.addRecord(question, Section.QUESTION);
    if (question.getType() == Type.A) {
      reply.addRecord(
          new ARecord(
              question.getName(),
              DClass.IN,
              300,
              InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1})),
          Section.ANSWER);
    }
    return reply.toWire(MAX_READ);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    Files.deleteIfExists(caFile);
  }

  /** A self-signed X.509 v3 certificate for 127.0.0.1, in DER written here (the JDK has no API). */
  static final class SelfSigned {
    private SelfSigned() {}

    private static final byte[] ECDSA_SHA256 = {
      0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02
    };
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x06, 0x03, 0x55, 0x1d, 0x11};
    private static final DateTimeFormatter UTC_TIME =
        DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Valid from a day before {@code now} to a day after, named 127.0.0.1 (an iPAddress SAN). */
    static Certificate certificate(KeyPair key, Instant now) throws GeneralSecurityException {
      byte[] algorithm = der(0x30, ECDSA_SHA256);
      byte[] name =
          der(
              0x30,
              der(
                  0x31,
                  der(
                      0x30,
                      COMMON_NAME,
                      der(0x0c, "stackscope warm-up".getBytes(StandardCharsets.UTF_8)))));
      byte[] validity =
          der(
              0x30,
              der(
                  0x17,
                  UTC_TIME.format(now.minusSeconds(86400)).getBytes(StandardCharsets.US_ASCII)),
              der(
                  0x17,
                  UTC_TIME.format(now.plusSeconds(86400)).getBytes(StandardCharsets.US_ASCII)));
      byte[] san = der(0x30, der(0x87, InetAddress.getLoopbackAddress().getAddress()));
      byte[] extensions = der(0xa3, der(0x30, der(0x30, SUBJECT_ALT_NAME, der(0x04, san))));
      byte[] serial = der(0x02, new BigInteger(63, new java.security.SecureRandom()).toByteArray());
      byte[] tbs =
          der(
              0x30,
              der(0xa0, der(0x02, new byte[] {2})),
              serial,
              algorithm,
              name,
              validity,
              name,
              key.getPublic().getEncoded(),
              extensions);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] whole = der(0x30, tbs, algorithm, der(0x03, bits));
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(whole));
    }

    static String pem(Certificate cert) throws GeneralSecurityException {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    }

    /** One DER element: the tag, the definite length, the parts' bytes one after the other. */
    static byte[] der(int tag, byte[]... parts) {
      int length = 0;
      for (byte[] p : parts) {
        length += p.length;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
      out.write(tag);
      if (length < 0x80) {
        out.write(length);
      } else if (length < 0x100) {
        out.write(0x81);
        out.write(length);
      } else {
        out.write(0x82);
        out.write(length >>> 8);
        out.write(length);
      }
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      return out.toByteArray();
    }
  }

  /** The warm-up's command lines against this server: DoT and DoH, text and JSON. */
  List<String[]> lines() {
    String ca = caFile.toString();
    String dot = "127.0.0.1:" + port();
    String doh = "https://127.0.0.1:" + port() + "/dns-query";
    return List.of(
        new String[] {
          "dns", "resolve", "www.warm.train", "A", "--server", dot, "--tls", "--cacert", ca
        },
        new String[] {
          "dns", "resolve", "www.warm.train", "A", "--https", doh, "--cacert", ca, "--json"
        },
        new String[] {"dns", "resolve", "www.warm.train", "A", "--https", doh, "--cacert", ca});
  }
}
