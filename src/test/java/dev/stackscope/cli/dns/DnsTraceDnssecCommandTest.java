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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dns trace --dnssec --trust-anchor} end to end against the signed in-process hierarchy. */
class DnsTraceDnssecCommandTest {
  private static FakeHierarchyAccess hierarchy;
  private static String hints;
  private static String anchor;
  private static String port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path anchorFile = dir.resolve("anchor.ds");
    hierarchy = FakeHierarchyAccess.startSigned(anchorFile);
    anchor = anchorFile.toString();
    hints = dev.stackscope.dns.TestHierarchy.writeRootHints(dir).toString();
    port = String.valueOf(hierarchy.port());
  }

  @AfterAll
  static void stop() {
    hierarchy.close();
  }

  private static Result trace(String... args) {
    String[] tail = {
      "--root-hints", hints, "--port", port, "--timeout", "300", "-4", "--trust-anchor", anchor
    };
    String[] full = new String[2 + args.length + tail.length];
    full[0] = "dns";
    full[1] = "trace";
    System.arraycopy(args, 0, full, 2, args.length);
    System.arraycopy(tail, 0, full, 2 + args.length, tail.length);
    return stackscope(full);
  }

  @Test
  void secureTraceSaysSoPerStepAndOverall() {
    Result r = trace("www.example.test");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("DNSSEC: secure"), r.out());
    assertTrue(r.out().contains("dnssec: secure (DNSKEY set signed by key"), r.out());
    assertTrue(r.out().contains("RRSIG"), r.out());
  }

  @Test
  void bogusAnswerExitsOneWithTheReason() {
    Result r = trace("tampered.example.test");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("DNSSEC: bogus"), r.out());
    assertTrue(
        r.err().contains("DNSSEC validation failed:") && r.err().contains("bad signature"),
        r.err());
  }

  @Test
  void insecureAnswerIsNotAnError() {
    Result r = trace("host.sub.example.test");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("DNSSEC: insecure"), r.out());
  }

  @Test
  void jsonCarriesTheVerdicts() {
    Result r = trace("www.example.test", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode trace = r.json();
    assertEquals("secure", trace.path("dnssec").path("status").asText(), r.out());
    assertEquals("example.test.", trace.path("dnssec").path("zone").asText(), r.out());
    assertTrue(trace.path("steps").size() > 0, r.out());
    for (JsonNode step : trace.path("steps")) {
      assertTrue(step.path("dnssec").isObject(), "every step says what it proves: " + step);
    }
  }

  @Test
  void aTrustAnchorFileWithoutAnchorsIsAUsageError(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("none"), "example. 300 IN A 127.0.0.1\n");
    Result r = stackscope("dns", "trace", "www.example.test", "--trust-anchor", empty.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("trust anchors: no DS or DNSKEY records"), r.err());
    assertFalse(r.err().contains("\tat "));
  }
}
