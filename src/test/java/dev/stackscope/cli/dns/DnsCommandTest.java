package dev.stackscope.cli.dns;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.dns.FakeHierarchyAccess;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dns commands end to end, in-process, against the in-process hierarchy. */
class DnsCommandTest {
  private static FakeHierarchyAccess hierarchy;
  private static String hints;
  private static String port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    hierarchy = FakeHierarchyAccess.start();
    hints = dev.stackscope.dns.TestHierarchy.writeRootHints(dir).toString();
    port = String.valueOf(hierarchy.port());
  }

  @AfterAll
  static void stop() {
    hierarchy.close();
  }

  private static Result trace(String... args) {
    String[] full = new String[args.length + 9];
    full[0] = "dns";
    full[1] = "trace";
    System.arraycopy(args, 0, full, 2, args.length);
    String[] tail = {"--root-hints", hints, "--port", port, "--timeout", "300", "-4"};
    System.arraycopy(tail, 0, full, 2 + args.length, tail.length);
    return stackscope(full);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String server(int host) {
    return "127.53.0." + host + ":" + port;
  }

  @Test
  void traceShowsEveryStepAndTheAnswer() {
    Result r = trace("www.glueless.test");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("a.root-servers.test. 127.53.0.1  referral to test."), r.out());
    assertTrue(r.out().contains("ns.example.lab. A"), "nested trace shown: " + r.out());
    assertTrue(r.out().contains("answer:"), r.out());
    assertTrue(r.out().contains("127.0.0.20"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void traceJsonHasTheDocumentedShape() {
    Result r = trace("away.example.test", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertEquals("away.example.test.", json.get("name").asText(), r::toString);
    assertEquals("A", json.get("type").asText(), r::toString);
    assertTrue(json.get("steps").isArray() && json.get("steps").size() > 0, r::toString);
    for (JsonNode step : json.get("steps")) {
      for (String key :
          new String[] {
            "zone", "server", "outcome", "rcode", "rttMs", "bytes", "records", "nested"
          }) {
        assertTrue(step.has(key), key + " in every step: " + r);
      }
    }
    assertEquals(".", json.at("/steps/0/zone").asText(), r::toString);
    assertEquals("127.53.0.1", json.at("/steps/0/server/address").asText(), r::toString);
    assertTrue(json.get("answer").isArray() && json.get("answer").size() > 0, r::toString);
    assertTrue(json.findValuesAsText("outcome").contains("referral"), r::toString);
    assertTrue(json.findValuesAsText("outcome").contains("answer"), r::toString);
    assertTrue(json.findValuesAsText("rcode").contains("NOERROR"), r::toString);
    assertTrue(json.findValuesAsText("data").contains("www.example.lab."), r::toString);
    assertTrue(
        json.findValues("ttl").stream().anyMatch(t -> t.isNumber() && t.asLong() == 300),
        r::toString);
  }

  @Test
  void ipv6OnlyTraceOfAnIpv4OnlyHierarchyFailsNamingWhy() {
    Result r =
        stackscope("dns", "trace", "www.example.test", "--root-hints", hints, "--port", port, "-6");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("a.root-servers.test.: no IPv6 address"), r.err());
  }

  @Test
  void traceOfAMissingNameExitsOneWithTheSoa() {
    Result r = trace("nope.example.test");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("NXDOMAIN"), r.out());
    assertTrue(r.out().contains("SOA"), r.out());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void traceFailureNamesWhatEachServerDid() {
    // 2 s: with trace()'s 300 ms a busy machine's late reply read as a timeout, not the loop
    Result r =
        stackscope(
            "dns",
            "trace",
            "www.loop.test",
            "--root-hints",
            hints,
            "--port",
            port,
            "--timeout",
            "2000",
            "-4");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("loop protection"), r.err());
  }

  @Test
  void unicodeNameIsConvertedToPunycodeAndBothShown() {
    Result r = trace("bücher.example.test");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("xn--bcher-kva.example.test."), r.out());
    assertTrue(r.out().contains("bücher.example.test"), r.out());
  }

  @Test
  void badNamesAndTypesAreUsageErrors() {
    String longLabel = "a".repeat(64) + ".test";
    Result r = stackscope("dns", "trace", longLabel);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("64 octets (at most 63)"), r.err());

    String longName = ("a".repeat(60) + ".").repeat(5) + "test";
    r = stackscope("dns", "resolve", longName, "--server", "127.0.0.1");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("at most 255"), r.err());

    r = stackscope("dns", "resolve", "www..example.test", "--server", "127.0.0.1");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("empty label"), r.err());

    r = stackscope("dns", "trace", "example.test", "BOGUS");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("unknown record type 'BOGUS'"), r.err());

    r = stackscope("dns", "resolve", "example.test", "ANY", "--server", "127.0.0.1");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("'ANY' is not supported"), r.err());

    r = stackscope("dns", "resolve", "example.test", "--server", "not-an-ip");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("not-an-ip"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void sharedQueryOptionsAreCheckedAlikeByEveryCommand() {
    String[][] commands = {
      {"dns", "trace", "www.example.test"},
      {"dns", "resolve", "www.example.test", "--server", "127.0.0.1"},
      {"dns", "reverse", "127.0.0.1", "--server", "127.0.0.1"}
    };
    for (String[] command : commands) {
      Result r = stackscope(concat(command, "--timeout", "0"));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("stackscope: --timeout must be at least 1 ms"), r.err());
      r = stackscope(concat(command, "--tries", "0"));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("stackscope: --tries must be at least 1"), r.err());
      // an upper bound too: a forgotten run never waits for days
      r = stackscope(concat(command, "--timeout", "2147483647"));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("stackscope: --timeout must be at most 60000 ms"), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      r = stackscope(concat(command, "--timeout", "60001"));
      assertEquals(2, r.exitCode(), r.toString());
      r = stackscope(concat(command, "--tries", "11"));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("stackscope: --tries must be at most 10"), r.err());
    }
    Result explain =
        stackscope(
            "explain", "www.example.test", "--server", "127.0.0.1", "--dns-timeout", "2147483647");
    assertEquals(2, explain.exitCode(), explain.toString());
    assertTrue(
        explain.err().startsWith("stackscope: --dns-timeout must be at most 60000 ms"),
        explain.err());
  }

  @Test
  void traceOverTcpUsesTcpForEveryQuery() {
    Result r = trace("www.example.test", "--tcp", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> protocols = r.json().findValuesAsText("protocol");
    assertFalse(protocols.isEmpty(), r::toString);
    assertEquals(List.of("tcp"), protocols.stream().distinct().toList(), r::toString);
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void traceAsksTheNextServerInParallelWhenOneIsSilent() {
    String[] args = {
      "dns",
      "trace",
      "www.timeout.test",
      "--root-hints",
      hints,
      "--port",
      port,
      "-4",
      "--timeout",
      "20000"
    };
    Result r = stackscope(args);
    assertEquals(0, r.exitCode(), r.toString());
    String out = r.out();
    int dead = out.indexOf("a-dead.timeout.test. 127.53.0.7  abandoned no reply after ");
    int ok = out.indexOf("b-ok.timeout.test. 127.53.0.4  answer");
    assertTrue(
        dead > 0 && ok > dead, "the silent server first, abandoned; then the answer: " + out);
    assertTrue(out.contains("answered first"), out);
    assertTrue(out.substring(ok).contains("(in parallel, "), out);
    assertTrue(out.startsWith("www.timeout.test. A  4 queries"), out);

    Result json = stackscope(concat(args, "--json"));
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode tree = json.json();
    assertTrue(tree.findValuesAsText("outcome").contains("abandoned"), json::toString);
    assertTrue(
        tree.findValues("hedgedAfterMs").stream().anyMatch(JsonNode::isNumber), json::toString);
    assertEquals(4, tree.get("queries").asInt(), json::toString);
  }

  @Test
  void traceWithHedgingOffWaitsForEachServer() {
    Result r = trace("www.timeout.test", "--hedge", "0");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains("a-dead.timeout.test. 127.53.0.7  timeout no reply within 300 ms"),
        r.out());
    assertFalse(r.out().contains("in parallel"), r.out());

    Result bad = stackscope("dns", "trace", "www.example.test", "--hedge", "-1");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(bad.err().startsWith("stackscope: --hedge must be 0 (off) to 60000 ms"), bad.err());
    Result huge = stackscope("dns", "trace", "www.example.test", "--hedge", "2147483647");
    assertEquals(2, huge.exitCode(), huge.toString());
  }

  @Test
  void filesThatNeverEndOrCannotBeReadAreOneLineUsageErrors(@TempDir Path dir) {
    String[][] cases = {
      {
        "--root-hints", "/dev/zero", "cannot read root hints '/dev/zero': larger than 1048576 bytes"
      },
      {
        "--trust-anchor",
        "/dev/zero",
        "cannot read trust anchors '/dev/zero': larger than 1048576 bytes"
      },
      {
        "--root-hints",
        dir.resolve("absent").toString(),
        "cannot read root hints '" + dir.resolve("absent") + "': no such file"
      },
      {"--trust-anchor", dir.toString(), "cannot read trust anchors '" + dir + "': is a directory"},
    };
    for (String[] c : cases) {
      Result r = stackscope("dns", "trace", "x.test", c[0], c[1]);
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals("stackscope: " + c[2], r.err().strip(), r.toString());
    }
  }

  @Test
  void badRootHintsAreAUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("hints"), "example. 3600 A 127.0.0.1\n");
    Result r = stackscope("dns", "trace", "x.test", "--root-hints", file.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no NS records for the root zone"), r.err());
  }

  @Test
  void resolveShowsAnswersFlagsAndServer() {
    Result r = stackscope("dns", "resolve", "alias.example.test", "A", "MX", "--server", server(4));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("alias.example.test. A  NOERROR  flags: qr aa rd"), r.out());
    assertTrue(r.out().contains("from " + server(4)), r.out());
    assertTrue(r.out().contains("CNAME"), r.out());
    assertTrue(r.out().contains("127.0.0.40"), r.out());
  }

  @Test
  void wordsThatAreNotTypesAreNames() {
    Result r =
        stackscope("dns", "resolve", "types.example.test", "mx", "--short", "--server", server(4));
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("types.example.test. does not exist"), r.err());
  }

  @Test
  void resolveShortPrintsValuesOnly() {
    Result r = stackscope("dns", "resolve", "www.example.test", "--short", "--server", server(4));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("127.0.0.40\nfd00::40\n", r.out());
  }

  @Test
  void resolveJsonHasTheDocumentedShape() {
    Result r = stackscope("dns", "resolve", "nope.example.test", "--json", "--server", server(4));
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertEquals("nope.example.test.", json.findValue("name").asText(), r::toString);
    assertEquals("NXDOMAIN", json.findValue("rcode").asText(), r::toString);
    assertEquals(List.of("qr", "aa", "rd"), texts(json.findValue("flags")), r::toString);
    assertEquals(server(4), json.findValue("server").asText(), r::toString);
    assertTrue(
        json.findValue("answer").isArray() && json.findValue("answer").isEmpty(), r::toString);
    assertTrue(json.findValue("authority").findValuesAsText("type").contains("SOA"), r::toString);
    assertTrue(json.findValuesAsText("type").contains("A"), r::toString);
  }

  @Test
  void resolveRetriesTruncatedRepliesOverTcp() {
    Result r = stackscope("dns", "resolve", "big.example.test", "TXT", "--server", server(4));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("(tcp)"), r.out());
    assertTrue(r.out().contains("chunk15-"), r.out());
  }

  @Test
  void resolveWithEveryServerSilentExitsOneListingThem() {
    Result r =
        stackscope(
            "dns",
            "resolve",
            "www.example.test",
            "A",
            "--server",
            server(7),
            "--server",
            server(7),
            "--timeout",
            "200",
            "--tries",
            "1");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains(server(7) + " udp timeout"), r.err());
  }

  @Test
  void reverseConfirmsNamesThatPointBack() {
    Result r = stackscope("dns", "reverse", "127.0.0.40", "--server", server(4), "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertEquals("40.0.0.127.in-addr.arpa.", json.findValue("reverseName").asText(), r::toString);
    assertTrue(json.findValuesAsText("name").contains("www.example.test."), r::toString);
    assertTrue(json.findValues("confirmed").stream().anyMatch(JsonNode::booleanValue), r::toString);
  }

  @Test
  void reverseReportsNamesThatDoNotPointBack() {
    Result r = stackscope("dns", "reverse", "127.0.0.30", "--server", server(4));
    assertEquals(0, r.exitCode(), r.toString());
    // ghost.example.test does not exist; www.example.lab is not served by .4 (REFUSED)
    assertTrue(r.out().contains("ghost.example.test."), r.out());
    assertTrue(r.out().contains("no address (NXDOMAIN)"), r.out());
    assertFalse(r.out().contains("confirmed"), r.out());
  }

  @Test
  void reverseOfABadAddressIsAUsageError() {
    Result r = stackscope("dns", "reverse", "300.1.2.3");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("300.1.2.3"), r.err());
  }

  @Test
  void traceRefusesTlsWithoutAResolverToAsk() {
    // the root and authoritative servers speak plain DNS: only a resolver's part can be encrypted
    Result r = stackscope("dns", "trace", "www.example.test", "--tls");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--tls needs --server"), r.err());
    assertTrue(r.err().contains("plain DNS only"), r.err());
    Result both =
        stackscope(
            "dns", "trace", "www.example.test", "--server", "127.0.0.1", "--root-hints", hints);
    assertEquals(2, both.exitCode(), both::toString);
    assertTrue(both.err().contains("--root-hints and --server exclude each other"), both.err());
    Result tcp = stackscope("dns", "trace", "x.test", "--server", "127.0.0.1", "--tls", "--tcp");
    assertEquals(2, tcp.exitCode(), tcp::toString);
  }
}
