package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same hierarchy served by real NSD, with real Unbound as the oracle and dig as the peer: every
 * trace's final answer equals Unbound's, and `dns resolve --server` agrees with dig.
 */
class RealServersTest {
  private static RealHierarchy real;
  private static String hints;

  /** Names with answers (the oracle comparison) and the type asked. */
  private static final List<String[]> NAMES =
      List.of(
          new String[] {"www.example.test", "A"},
          new String[] {"www.example.test", "AAAA"},
          new String[] {"alias.example.test", "A"},
          new String[] {"away.example.test", "A"},
          new String[] {"host.sub.example.test", "A"},
          new String[] {"www.glueless.test", "A"},
          new String[] {"www.deep.glueless.test", "A"},
          new String[] {"www.lame.test", "A"},
          new String[] {"www.timeout.test", "A"},
          new String[] {"big.example.test", "TXT"},
          new String[] {"mail.example.test", "MX"},
          new String[] {"www.example.test", "MX"});

  @BeforeAll
  static void start() throws Exception {
    real = RealHierarchy.start();
    hints = real.rootHints().toString();
  }

  @AfterAll
  static void stop() {
    if (real != null) {
      real.close();
    }
  }

  private static String sorted(String lines) {
    return Arrays.stream(lines.strip().split("\n"))
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  private static String dig(String... args) throws Exception {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "dig";
    cmd[1] = "+time=2";
    cmd[2] = "+tries=1";
    System.arraycopy(args, 0, cmd, 3, args.length);
    return real.inside(Duration.ofSeconds(20), cmd);
  }

  @Test
  void traceAnswersEqualUnboundsForEveryName() throws Exception {
    for (String[] q : NAMES) {
      CliRunner.Result trace =
          real.stackscope(
              "dns",
              "trace",
              q[0],
              q[1],
              "--short",
              "--root-hints",
              hints,
              "--timeout",
              "500",
              "-4");
      assertEquals(0, trace.exitCode(), q[0] + " " + q[1] + ": " + trace.err());
      String unbound = dig("+short", "@" + RealHierarchy.RESOLVER, q[0], q[1]);
      assertEquals(sorted(unbound), sorted(trace.out()), q[0] + " " + q[1]);
      if (!q[0].equals("www.example.test") || !q[1].equals("MX")) {
        assertFalse(trace.out().isBlank(), q[0] + " " + q[1] + " has an answer");
      }
    }
  }

  @Test
  void traceOfAMissingNameAgreesWithUnbound() throws Exception {
    CliRunner.Result trace =
        real.stackscope("dns", "trace", "nope.example.test", "--root-hints", hints, "-4");
    assertEquals(1, trace.exitCode(), trace.err());
    assertTrue(trace.out().contains("NXDOMAIN"), trace.out());
    assertTrue(dig("@" + RealHierarchy.RESOLVER, "nope.example.test").contains("status: NXDOMAIN"));
  }

  @Test
  void traceAgainstNsdShowsTheSameStepsAsAgainstTheInProcessServers() throws Exception {
    CliRunner.Result trace =
        real.stackscope("dns", "trace", "www.glueless.test", "--json", "--root-hints", hints, "-4");
    assertEquals(0, trace.exitCode(), trace.err());
    List<JsonNode> steps = steps(trace.json());
    assertTrue(
        steps.stream()
            .flatMap(step -> stream(step.path("nested")))
            .anyMatch(nested -> nested.path("name").asText().equals("ns.example.lab.")),
        "nested trace: " + trace.out());
    assertTrue(steps.stream().anyMatch(step -> outcome(step, "referral")), trace.out());
  }

  @Test
  void zonesWhoseNsdNameserversLiveInEachOtherEndWithinTheLimits() throws Exception {
    // mutual-a.test NS ns0..9.mutual-b.test and back, no glue: bounded, and says why
    CliRunner.Result trace =
        real.stackscope(
            "dns",
            "trace",
            "www.mutual-a.test",
            "--json",
            "--root-hints",
            hints,
            "--timeout",
            "500");
    assertEquals(1, trace.exitCode(), trace.err());
    assertFalse(trace.err().contains("\tat "), "no stack trace: " + trace.err());
    java.util.Map<String, Object> json = dev.stackscope.testing.JsonValue.object(trace.out());
    assertEquals("failed", json.get("result"));
    assertTrue(((String) json.get("error")).contains("glueless cycle"), (String) json.get("error"));
    assertTrue(((Number) json.get("queries")).intValue() <= Tracer.MAX_QUERIES, trace.out());
    assertTrue(lookups(json) <= Tracer.MAX_LOOKUPS, "lookups: " + lookups(json));
    assertTrue(trace.err().contains("glueless cycle"), trace.err());
  }

  /** Every step of a trace, those of its nested traces included, in order. */
  private static List<JsonNode> steps(JsonNode trace) {
    List<JsonNode> all = new java.util.ArrayList<>();
    for (JsonNode step : trace.path("steps")) {
      all.add(step);
      for (JsonNode nested : step.path("nested")) {
        all.addAll(steps(nested));
      }
    }
    return all;
  }

  private static boolean outcome(JsonNode step, String outcome) {
    return step.path("outcome").asText().equals(outcome);
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  @SuppressWarnings("unchecked")
  private static int lookups(java.util.Map<String, Object> trace) {
    int n = 0;
    for (Object step : (List<Object>) trace.get("steps")) {
      for (Object nested : (List<Object>) ((java.util.Map<String, Object>) step).get("nested")) {
        n += 1 + lookups((java.util.Map<String, Object>) nested);
      }
    }
    return n;
  }

  @Test
  void truncatedNsdReplyIsRetriedOverTcp() throws Exception {
    CliRunner.Result trace =
        real.stackscope(
            "dns", "trace", "big.example.test", "TXT", "--json", "--root-hints", hints, "-4");
    List<JsonNode> steps = steps(trace.json());
    assertTrue(steps.stream().anyMatch(step -> outcome(step, "truncated")), trace.out());
    assertTrue(
        steps.stream().anyMatch(step -> step.path("protocol").asText().equals("tcp")), trace.out());
  }

  @Test
  void lameNsdAndSilentAddressAreReported() throws Exception {
    CliRunner.Result lame =
        real.stackscope(
            "dns",
            "trace",
            "www.lame.test",
            "--json",
            "--root-hints",
            hints,
            "-4",
            "--timeout",
            "500");
    assertTrue(
        steps(lame.json()).stream()
            .anyMatch(
                step -> outcome(step, "lame") && step.path("rcode").asText().equals("REFUSED")),
        lame.out());
    // the silent first server is overtaken by the second, asked in parallel after the hedge delay
    CliRunner.Result silent =
        real.stackscope(
            "dns",
            "trace",
            "www.timeout.test",
            "--json",
            "--root-hints",
            hints,
            "-4",
            "--timeout",
            "5000");
    assertEquals(0, silent.exitCode(), silent.err());
    JsonNode hedged = silent.json();
    assertTrue(
        steps(hedged).stream()
            .anyMatch(
                step ->
                    step.path("server").path("address").asText().equals("127.53.0.7")
                        && step.path("protocol").asText().equals("udp")
                        && outcome(step, "abandoned")),
        silent.out());
    assertTrue(
        stream(hedged.path("answer")).anyMatch(r -> r.path("data").asText().equals("127.0.0.12")),
        silent.out());
    // one server at a time: the silent one is waited for until the timeout
    CliRunner.Result sequential =
        real.stackscope(
            "dns",
            "trace",
            "www.timeout.test",
            "--json",
            "--root-hints",
            hints,
            "-4",
            "--timeout",
            "500",
            "--hedge",
            "0");
    assertTrue(
        steps(sequential.json()).stream().anyMatch(step -> outcome(step, "timeout")),
        sequential.out());
  }

  @Test
  void resolveThroughUnboundAgreesWithDig() throws Exception {
    // one run per type (names batched), compared with one dig run asking the same questions
    for (String type : NAMES.stream().map(q -> q[1]).distinct().toList()) {
      List<String> names = NAMES.stream().filter(q -> q[1].equals(type)).map(q -> q[0]).toList();
      List<String> args =
          new java.util.ArrayList<>(
              List.of("dns", "resolve", type, "--short", "--server", RealHierarchy.RESOLVER));
      args.addAll(names);
      CliRunner.Result resolve = real.stackscope(args.toArray(String[]::new));
      assertEquals(0, resolve.exitCode(), names + ": " + resolve.err());
      List<String> digArgs =
          new java.util.ArrayList<>(List.of("+short", "@" + RealHierarchy.RESOLVER));
      names.forEach(n -> digArgs.addAll(List.of(n, type)));
      String peer = dig(digArgs.toArray(String[]::new));
      assertEquals(sorted(peer), sorted(resolve.out()), names + " " + type);
    }
    CliRunner.Result nx =
        real.stackscope(
            "dns", "resolve", "nope.example.test", "--json", "--server", RealHierarchy.RESOLVER);
    assertEquals(1, nx.exitCode());
    assertEquals(2, nx.json().size(), "A and AAAA: " + nx.out());
    for (JsonNode query : nx.json()) {
      assertEquals("NXDOMAIN", query.path("rcode").asText(), nx.out());
      assertEquals(
          List.of("qr", "rd", "ra"),
          CliRunner.texts(query.path("flags")),
          "flags as dig shows them: " + nx.out());
    }
    assertTrue(dig("@" + RealHierarchy.RESOLVER, "nope.example.test").contains("flags: qr rd ra;"));
  }

  @Test
  void reverseThroughUnboundConfirmsLikeDig() throws Exception {
    // the in-addr.arpa zone hangs off the private root only through example.test's server, so
    // ask that server directly (authoritative), and check dig sees the same PTR
    CliRunner.Result rev =
        real.stackscope("dns", "reverse", "127.0.0.40", "--server", "127.53.0.4", "--json");
    assertEquals(0, rev.exitCode(), rev.err());
    JsonNode names = rev.json().path("names");
    assertEquals(1, names.size(), rev.out());
    assertEquals("www.example.test.", names.get(0).path("name").asText(), rev.out());
    assertTrue(names.get(0).path("confirmed").asBoolean(false), rev.out());
    assertEquals("www.example.test.", dig("+short", "@127.53.0.4", "-x", "127.0.0.40").strip());
  }
}
