package dev.stackscope.cli.dns;

import dev.stackscope.cli.InputFiles;
import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.transport.HttpsTransport;
import dev.stackscope.dns.transport.PemAnchors;
import dev.stackscope.dns.transport.TlsTransport;
import dev.stackscope.dns.transport.TlsTrust;
import dev.stackscope.http.TlsInspector;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Option;

/** DNS over TLS and HTTPS for the stub resolver (dns resolve): --tls, --https and their trust. */
public final class EncryptionOptions {
  /** The longest DoH URL taken (browsers' practical limit). */
  static final int MAX_URL = 2048;

  /** The largest --cacert file read. */
  static final int MAX_CACERT = 1 << 20;

  /** DoT's port (RFC 7858 §3.1). */
  static final int DOT_PORT = 853;

  @Option(
      names = "--tls",
      description = "DNS over TLS (RFC 7858) to each --server (port 853 unless given).")
  boolean tls;

  @Option(
      names = "--https",
      paramLabel = "URL",
      description =
          "DNS over HTTPS (RFC 8484) to this URL, e.g. https://127.0.0.1/dns-query (POST; a name"
              + " in it is looked up by the system's resolver).")
  String https;

  @Option(names = "--get", description = "With --https: send the query with GET (?dns=).")
  boolean get;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "With --tls or --https: trust only the CA certificates in this PEM file.")
  Path cacert;

  @Option(
      names = {"-k", "--insecure"},
      description =
          "With --tls or --https: go on when the certificate does not verify (the verdict is"
              + " still shown).")
  boolean insecure;

  @Option(
      names = "--tls-name",
      paramLabel = "NAME",
      description =
          "With --tls or --https: the name the server's certificate must carry (and SNI for"
              + " --tls); default: the server's address or the URL's host.")
  String tlsName;

  boolean encrypted() {
    return tls || https != null;
  }

  Protocol protocol(Protocol plain) {
    return tls ? Protocol.TLS : https != null ? Protocol.HTTPS : plain;
  }

  int defaultPort() {
    return tls ? DOT_PORT : 53;
  }

  /** The problem with these options, or null; {@code tcp}: whether --tcp was given too. */
  String validate(boolean tcp, boolean servers) {
    if (tls && https != null) {
      return "--tls and --https exclude each other";
    }
    if (tcp && encrypted()) {
      return "--tcp and --" + (tls ? "tls" : "https") + " exclude each other";
    }
    if (!encrypted() && (get || cacert != null || insecure || tlsName != null)) {
      return (get ? "--get" : cacert != null ? "--cacert" : insecure ? "--insecure" : "--tls-name")
          + " needs --tls or --https";
    }
    if (get && https == null) {
      return "--get needs --https";
    }
    if (https != null) {
      if (servers) {
        return "--https and --server exclude each other (the URL names the server)";
      }
      return urlProblem(https);
    }
    if (tlsName != null && (tlsName.isEmpty() || tlsName.length() > 253)) {
      return "--tls-name must be 1 to 253 characters";
    }
    return null;
  }

  static String urlProblem(String text) {
    if (text.length() > MAX_URL) {
      return "--https: a URL longer than " + MAX_URL + " characters";
    }
    try {
      URI u = new URI(text);
      if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
        return "--https '" + text + "': expected https://HOST[:PORT]/PATH";
      }
      if (u.getRawFragment() != null || u.getRawUserInfo() != null) {
        return "--https '" + text + "': no user or #fragment in a DoH URL";
      }
    } catch (URISyntaxException e) {
      return "--https '" + text + "': not a URL (" + e.getReason() + ")";
    }
    return null;
  }

  /**
   * The transport these options ask for; a bad --cacert is a usage error (exit 2). The DoH URL its
   * replies report is masked (a token in its query, say) unless {@code reveal}.
   */
  DnsTransport transport(Clock clock, boolean reveal) {
    if (!encrypted()) {
      return new SocketTransport();
    }
    TlsTrust trust = new TlsTrust(anchors(), tlsName, insecure);
    if (tls) {
      return new TlsTransport(trust, clock, System::nanoTime);
    }
    return new HttpsTransport(
        URI.create(https), shownUrl(reveal), get, trust, clock, System::nanoTime);
  }

  /** The --https URL as a run may show it: its secrets masked unless {@code reveal}. */
  String shownUrl(boolean reveal) {
    return https == null || reveal
        ? https
        : dev.stackscope.process.Secrets.maskText(https, dev.stackscope.output.Output.MASK);
  }

  /** The DoH URL's host and port, as the stub's one server. */
  java.net.InetSocketAddress httpsEndpoint(DnsTransport transport) {
    try {
      return ((HttpsTransport) transport).endpoint();
    } catch (IOException e) {
      throw dev.stackscope.cli.CommandException.failure(
          "--https: cannot look up " + URI.create(https).getHost() + ": " + e.getMessage());
    }
  }

  private TlsInspector anchors() {
    try {
      if (cacert == null) {
        return TlsInspector.systemTrust();
      }
      String pem = InputFiles.readText(cacert, "--cacert", MAX_CACERT);
      return PemAnchors.trusting(pem); // read above, with this run's rights, every run
    } catch (GeneralSecurityException | IOException e) {
      throw new dev.stackscope.cli.CommandException(
          dev.stackscope.cli.ExitCode.USAGE,
          "--cacert "
              + cacert
              + ": not a PEM certificate file ("
              + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
              + ")");
    }
  }
}
