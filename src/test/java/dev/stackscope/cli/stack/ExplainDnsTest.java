package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.dns.FakeHierarchyAccess;
import dev.stackscope.dns.TestHierarchy;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain resolving through DNS: the in-process authoritative hierarchy of the dns tests serves
 * {@code example.test} on 127.53.0.4 ({@code www} A 127.0.0.40, {@code alias} CNAME www), and this
 * JVM listens on 127.0.0.40. Loopback only.
 */
class ExplainDnsTest {
  private static FakeHierarchyAccess hierarchy;
  private static ServerSocket listener;
  private static String server;
  private static String hints;
  private static int port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    hierarchy = FakeHierarchyAccess.start();
    server = TestHierarchy.PREFIX + "4:" + hierarchy.port();
    hints = TestHierarchy.writeRootHints(dir).toString();
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.40"), 0));
    port = listener.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (listener != null) {
      listener.close();
    }
    if (hierarchy != null) {
      hierarchy.close();
    }
  }

  private static void assertNamesThisJvm(Result r) {
    JsonNode address = null;
    for (JsonNode a : r.json().get("addresses")) {
      if (a.get("address").asText().equals("127.0.0.40")) {
        address = a;
      }
    }
    assertTrue(address != null, "127.0.0.40 among the addresses: " + r);
    JsonNode listener = address.get("listener");
    assertEquals(List.of(ProcessHandle.current().pid()), longs(listener.get("pids")), r::toString);
    assertEquals("loopback only", listener.get("scope").asText(), r::toString);
    assertEquals("127.0.0.40", listener.get("address").asText(), r::toString);
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asLong()));
    return values;
  }

  @Test
  void aTestNameResolvesThroughTheGivenServerToThisJvmsListener() {
    Result r =
        CliRunner.stackscope(
            "explain", "--server", server, "http://alias.example.test:" + port + "/", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode resolution = r.json().get("resolution");
    assertEquals("dns", resolution.get("method").asText(), r::toString);
    assertEquals(server, resolution.get("server").asText(), r::toString);
    assertEquals("answer", resolution.get("outcome").asText(), r::toString);
    // the CNAME chain with its TTL, then the address
    JsonNode cname = resolution.get("records").get(0);
    assertEquals("CNAME", cname.get("type").asText(), r::toString);
    assertEquals(300, cname.get("ttl").asLong(), r::toString);
    assertEquals("www.example.test.", cname.get("data").asText(), r::toString);
    assertNamesThisJvm(r);
  }

  @Test
  void theTextViewShowsTheServerAndTheListener() {
    Result r = CliRunner.stackscope("explain", "--server", server, "www.example.test:" + port);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("answered by  " + server), r.out());
    assertTrue(r.out().contains("pid " + ProcessHandle.current().pid()), r.out());
    assertTrue(r.out().contains("127.0.0.40 port " + port + " (loopback only)"), r.out());
  }

  @Test
  void theTraceFromThePrivateRootGivesTheSameAddress() {
    Result r =
        CliRunner.stackscope(
            "explain",
            "--trace",
            "--root-hints",
            hints,
            "--port",
            String.valueOf(hierarchy.port()),
            "--dns-timeout",
            "300",
            "http://alias.example.test:" + port + "/",
            "--json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("trace", r.json().at("/resolution/method").asText(), r::toString);
    assertTrue(
        r.json().at("/resolution/traces").findValuesAsText("outcome").contains("referral"),
        "the trace's steps are there: " + r.out());
    assertNamesThisJvm(r);

    Result text =
        CliRunner.stackscope(
            "explain",
            "--trace",
            "--root-hints",
            hints,
            "--port",
            String.valueOf(hierarchy.port()),
            "--dns-timeout",
            "300",
            "alias.example.test:" + port);
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("Trace from the root"), text.out());
    assertTrue(text.out().contains("addresses    127.0.0.40"), text.out());
  }

  @Test
  void aNameThatDoesNotExistExitsOneWithTheOutcome() {
    Result r = CliRunner.stackscope("explain", "--server", server, "nope.example.test");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("'nope.example.test' does not resolve: NXDOMAIN"), r.err());
    assertTrue(r.out().contains("NXDOMAIN (no such name) from " + server), r.out());

    Result j =
        CliRunner.stackscope(
            "explain",
            "--trace",
            "--root-hints",
            hints,
            "--port",
            String.valueOf(hierarchy.port()),
            "--dns-timeout",
            "300",
            "nope.example.test",
            "--json");
    assertEquals(1, j.exitCode(), j.toString());
    assertEquals("nxdomain", j.json().at("/resolution/outcome").asText(), j::toString);
    assertTrue(j.json().at("/resolution/addresses").isArray(), j::toString);
    assertTrue(j.json().at("/resolution/addresses").isEmpty(), j::toString);
  }

  @Test
  void aNameWithoutAddressesIsNodata() {
    Result r = CliRunner.stackscope("explain", "--server", server, "mail.example.test", "--json");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals("nodata", r.json().at("/resolution/outcome").asText(), r::toString);
    assertTrue(r.err().contains("NODATA"), r.err());
  }

  @Test
  void recordsOffTheCnameChainAreNotTakenForAddresses() throws Exception {
    // the reply of issue 14: the CNAME leads elsewhere, and an unrelated A record rides along
    try (dev.stackscope.dns.ScriptedServer scripted =
        new dev.stackscope.dns.ScriptedServer(
            q -> {
              try {
                org.xbill.DNS.Message r =
                    dev.stackscope.dns.ScriptedServer.reply(
                        q,
                        new org.xbill.DNS.CNAMERecord(
                            q.getQuestion().getName(),
                            org.xbill.DNS.DClass.IN,
                            60,
                            org.xbill.DNS.Name.fromString("target.elsewhere.")),
                        new org.xbill.DNS.ARecord(
                            org.xbill.DNS.Name.fromString("unrelated.other."),
                            org.xbill.DNS.DClass.IN,
                            60,
                            new byte[] {127, 6, 6, 7}));
                return java.util.List.of(r.toWire());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            q -> null)) {
      Result r =
          CliRunner.stackscope(
              "explain", "--server", scripted.server(), "www.example.test", "--json");
      assertEquals(1, r.exitCode(), r.toString());
      java.util.Map<String, Object> json = dev.stackscope.testing.JsonValue.object(r.out());
      assertEquals(java.util.List.of(), json.get("addresses"), r.out());
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> resolution =
          (java.util.Map<String, Object>) json.get("resolution");
      assertEquals("nodata", resolution.get("outcome"), r.out());
      Result text =
          CliRunner.stackscope("explain", "--server", scripted.server(), "www.example.test");
      assertEquals(1, text.exitCode(), text.toString());
      assertTrue(!text.out().contains("addresses    127.6.6.7"), text.out());

      Result resolve =
          CliRunner.stackscope(
              "dns", "resolve", "www.example.test", "A", "--server", scripted.server(), "--short");
      assertEquals(0, resolve.exitCode(), resolve.toString());
      assertEquals("target.elsewhere.\n", resolve.out(), "only the chain: " + resolve.out());
    }
  }

  @Test
  void aSilentServerIsATimeout() {
    String silent = TestHierarchy.PREFIX + TestHierarchy.SILENT + ":" + hierarchy.port();
    Result r =
        CliRunner.stackscope(
            "explain", "--server", silent, "--dns-timeout", "200", "www.example.test");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("does not resolve: timeout"), r.err());
  }

  @Test
  void theHostsFileComesFirst(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.40 app.hosts-only.test\n");
    Result r =
        CliRunner.stackscope(
            "explain", "--hosts-file", hosts.toString(), "app.hosts-only.test:" + port, "--json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("hosts file", r.json().at("/resolution/method").asText(), r::toString);
    assertNamesThisJvm(r);
  }

  @Test
  void localhostResolvesFromTheSystemsHostsFileByDefault() throws Exception {
    Path etcHosts = Path.of("/etc/hosts");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isReadable(etcHosts)
            && !dev.stackscope.stack.HostsFile.parse(Files.readString(etcHosts))
                .lookup("localhost")
                .isEmpty(),
        "/etc/hosts absent or without localhost");
    Result r = CliRunner.stackscope("explain", "localhost:" + port, "--json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("hosts file", r.json().at("/resolution/method").asText(), r::toString);
    assertEquals("/etc/hosts", r.json().at("/resolution/source").asText(), r::toString);
  }

  @Test
  void aHostsFileThatNeverEndsIsMissingOrADirectoryIsAUsageError(@TempDir Path dir) {
    String[][] cases = {
      {"/dev/zero", "cannot read hosts file '/dev/zero': larger than 16777216 bytes"},
      {
        dir.resolve("absent").toString(),
        "cannot read hosts file '" + dir.resolve("absent") + "': no such file"
      },
      {dir.toString(), "cannot read hosts file '" + dir + "': is a directory"},
    };
    for (String[] c : cases) {
      Result r = CliRunner.stackscope("explain", "--hosts-file", c[0], "app.hosts-only.test");
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals("stackscope: " + c[1], r.err().strip(), r.toString());
    }
    Result trace =
        CliRunner.stackscope("explain", "--trace", "--root-hints", "/dev/zero", "www.example.test");
    assertEquals(2, trace.exitCode(), trace.toString());
    assertEquals(
        "stackscope: cannot read root hints '/dev/zero': larger than 1048576 bytes",
        trace.err().strip());
  }

  @Test
  void badResolverOptionsAreUsageErrors() {
    Result a = CliRunner.stackscope("explain", "--server", "not-an-ip", "www.example.test");
    assertEquals(2, a.exitCode(), a.toString());
    assertTrue(a.err().contains("bad address 'not-an-ip'"), a.err());
    Result b = CliRunner.stackscope("explain", "--trace", "--server", server, "www.example.test");
    assertEquals(2, b.exitCode(), b.toString());
    Result c = CliRunner.stackscope("explain", "--port", "5353", "www.example.test");
    assertEquals(2, c.exitCode(), c.toString());
    assertTrue(c.err().contains("only with --trace"), c.err());
  }
}
