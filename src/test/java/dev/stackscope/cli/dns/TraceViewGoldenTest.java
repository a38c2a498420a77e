package dev.stackscope.cli.dns;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.FakeHierarchyAccess;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.TestHierarchy;
import dev.stackscope.dns.TracePriming;
import dev.stackscope.dns.Tracer;
import dev.stackscope.dns.transport.TlsSession;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * The trace's text rendering against golden files: real queries to the in-process hierarchy, with
 * the round-trip times pinned to 1 ms so that the text is stable. A change in the rendering is a
 * reviewed diff of the golden file.
 */
class TraceViewGoldenTest {
  /** The real network, with a fixed round-trip time. */
  private static final class PinnedRtt implements DnsTransport {
    private final SocketTransport real = new SocketTransport();

    @Override
    public Exchange exchange(
        org.xbill.DNS.Message query,
        java.net.InetSocketAddress server,
        Protocol protocol,
        Duration timeout)
        throws java.io.IOException {
      Exchange e = real.exchange(query, server, protocol, timeout);
      return new Exchange(e.server(), e.protocol(), e.reply(), 1.0, e.bytes());
    }
  }

  /**
   * The JSON document against golden files made before the step details, failures and DNSSEC
   * reasons became data: their words, chosen in the output layer now, are the same strings.
   */
  @ParameterizedTest
  @CsvSource({
    "www.glueless.test, A, trace-glueless.json",
    "away.example.test, A, trace-cname-restart.json",
    "www.lame.test, A, trace-lame.json",
    "www.loop.test, A, trace-failed.json"
  })
  void jsonMatchesTheGoldenFile(String name, String type, String golden) throws Exception {
    try (FakeHierarchyAccess h = FakeHierarchyAccess.start()) {
      StringWriter json = new StringWriter();
      output(json).json(trace(h, name, type), TraceWords::json);
      String actual = json.toString().replace(":" + h.port(), ":PORT");
      dev.stackscope.testing.Golden.assertMatches("dev/stackscope/cli/dns/" + golden, actual);
    }
  }

  private static dev.stackscope.dns.Trace trace(FakeHierarchyAccess h, String name, String type) {
    Tracer tracer =
        new Tracer(
            new PinnedRtt(),
            Tracer.Settings.of(
                RootHints.parse(TestHierarchy.ROOT_HINTS),
                h.port(),
                Protocol.UDP,
                Duration.ofMillis(300),
                1,
                Tracer.Family.V4));
    return tracer.trace(QueryName.parse(name), Type.value(type));
  }

  /**
   * The real network as if over DoT or DoH: the replies of the hierarchy, each with the TLS session
   * the transport would report — the first with its handshake, the later ones over the connection
   * it opened.
   */
  private static final class PinnedTls implements DnsTransport {
    private final SocketTransport real = new SocketTransport();
    private final Protocol protocol;
    private final TlsSession first;
    private boolean connected;

    PinnedTls(Protocol protocol, TlsSession first) {
      this.protocol = protocol;
      this.first = first;
    }

    @Override
    public Exchange exchange(
        org.xbill.DNS.Message query, InetSocketAddress server, Protocol asked, Duration timeout)
        throws java.io.IOException {
      // a resolver that knows the hierarchy: the root's NS set from the root server, its address
      // from the server of test. (the root server gives no glue for its own name)
      boolean root = query.getQuestion().getName().equals(org.xbill.DNS.Name.root);
      InetSocketAddress authority =
          new InetSocketAddress(
              TestHierarchy.SERVERS.get(root ? 0 : 1).address(), server.getPort());
      Exchange e = real.exchange(query, authority, Protocol.UDP, timeout);
      TlsSession s = first;
      if (connected) {
        s =
            new TlsSession(
                s.version(),
                s.cipherSuite(),
                s.alpn(),
                null,
                true,
                s.verified(),
                s.problem(),
                s.url(),
                s.method());
      }
      connected = true;
      return new Exchange(e.server(), protocol, e.reply(), 1.0, e.bytes(), s);
    }
  }

  /**
   * dns trace --server with --tls or --https: the root servers asked of a "resolver" (here the
   * hierarchy's servers, as {@link PinnedTls} asks them) over a pinned TLS session, then the trace
   * from them. The TLS line is rendered under each query to the resolver, and is the step's {@code
   * tls} object in the JSON.
   */
  @ParameterizedTest
  @CsvSource({
    "tls, true, trace-primed-tls",
    "https, false, trace-primed-https",
  })
  void aTraceWhoseRootsCameOverTlsShowsItsSession(String protocol, boolean verified, String golden)
      throws Exception {
    boolean doh = protocol.equals("https");
    TlsSession session =
        new TlsSession(
            "TLSv1.3",
            "TLS_AES_256_GCM_SHA384",
            doh ? "h2" : null,
            2.5,
            false,
            verified,
            verified ? null : "wrong host",
            doh ? "https://dns.example.test/dns-query" : null,
            doh ? "POST" : null);
    try (FakeHierarchyAccess h = FakeHierarchyAccess.start()) {
      TracePriming.Primed primed =
          TracePriming.ask(
              new PinnedTls(doh ? Protocol.HTTPS : Protocol.TLS, session),
              new InetSocketAddress(TestHierarchy.SERVERS.get(0).address(), h.port()),
              Protocol.UDP,
              Duration.ofMillis(300),
              Tracer.Family.V4);
      Tracer tracer =
          new Tracer(
              new PinnedRtt(),
              Tracer.Settings.of(
                  primed.roots(),
                  h.port(),
                  Protocol.UDP,
                  Duration.ofMillis(300),
                  1,
                  Tracer.Family.V4));
      dev.stackscope.dns.Trace trace =
          tracer.trace(QueryName.parse("www.example.test"), Type.A).after(primed.steps());
      StringWriter text = new StringWriter();
      TraceView.render(output(text), trace);
      dev.stackscope.testing.Golden.assertMatches(
          "dev/stackscope/cli/dns/" + golden + ".txt",
          text.toString().replace(":" + h.port(), ":PORT"));
      StringWriter json = new StringWriter();
      output(json).json(trace, TraceWords::json);
      dev.stackscope.testing.Golden.assertMatches(
          "dev/stackscope/cli/dns/" + golden + ".json",
          json.toString().replace(":" + h.port(), ":PORT"));
    }
  }

  private static Output output(StringWriter stdout) {
    return new Output(
        new PrintWriter(stdout),
        new PrintWriter(new StringWriter()),
        new RenderSettings(false, 0, true, false, false, false));
  }

  @ParameterizedTest
  @CsvSource({
    "www.glueless.test, A, trace-glueless.txt",
    "away.example.test, A, trace-cname-restart.txt",
    "www.lame.test, A, trace-lame.txt",
    "nope.example.test, A, trace-nxdomain.txt"
  })
  void rendersLikeTheGoldenFile(String name, String type, String golden) throws Exception {
    try (FakeHierarchyAccess h = FakeHierarchyAccess.start()) {
      StringWriter text = new StringWriter();
      TraceView.render(output(text), trace(h, name, type));
      String actual = text.toString().replace(":" + h.port(), ":PORT");
      dev.stackscope.testing.Golden.assertMatches("dev/stackscope/cli/dns/" + golden, actual);
    }
  }
}
