package dev.stackscope.cli.dns;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.FakeHierarchyAccess;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.RootHints;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.TestHierarchy;
import dev.stackscope.dns.Tracer;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
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
