package dev.stackscope.dns.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dns check} against real NSD servers with deliberate faults ({@link CheckHierarchy}): each
 * fault is found, where it is, and a clean signed zone has no finding at all.
 */
class ZoneCheckRealServersTest {
  private static CheckHierarchy tree;

  @BeforeAll
  static void start() throws Exception {
    tree = CheckHierarchy.start();
  }

  @AfterAll
  static void stop() {
    if (tree != null) {
      tree.close();
    }
  }

  private static CliRunner.Result check(String zone, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dns",
                "check",
                zone,
                "--root-hints",
                tree.rootHints().toString(),
                "--port",
                Integer.toString(tree.port),
                "--timeout",
                "3s"));
    args.addAll(List.of(extra));
    return CliRunner.stackscope(args.toArray(String[]::new));
  }

  private static JsonNode json(String zone) throws Exception {
    CliRunner.Result r = check(zone, "--json");
    JsonNode j = r.json();
    int expected =
        switch (j.get("verdict").asText()) {
          case "ok" -> 0;
          case "errors" -> 1;
          default -> 3;
        };
    assertEquals(expected, r.exitCode(), r.toString());
    return j;
  }

  /** The codes of the findings, each as "code server-or-rrset address". */
  private static List<String> codes(JsonNode j) {
    List<String> list = new ArrayList<>();
    for (JsonNode f : j.get("findings")) {
      list.add(f.get("code").asText());
    }
    return list;
  }

  private static JsonNode finding(JsonNode j, String code) {
    for (JsonNode f : j.get("findings")) {
      if (f.get("code").asText().equals(code)) {
        return f;
      }
    }
    throw new AssertionError("no " + code + " in " + j.toPrettyString());
  }

  @Test
  void cleanSignedZoneHasNoFinding() throws Exception {
    CliRunner.Result r = check("good.test", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode j = r.json();
    assertEquals(List.of(), codes(j), j.toPrettyString());
    assertEquals("test.", j.get("parent").asText());
    List<String> addresses = new ArrayList<>();
    for (JsonNode s : j.get("servers")) {
      addresses.add(s.get("address").asText());
      assertEquals("answered", s.get("status").asText());
      assertTrue(s.get("tcp").asBoolean());
      assertTrue(s.get("edns").asBoolean());
      assertFalse(s.get("recursion").asBoolean());
      assertEquals(1, s.get("serial").asLong());
    }
    assertEquals(
        List.of(CheckHierarchy.P + "11", "::1", CheckHierarchy.P + "12"), addresses, "v4 and v6");
    JsonNode d = j.get("dnssec");
    assertTrue(d.get("signed").asBoolean());
    assertEquals(d.get("dsKeyTags"), d.get("matchedKeyTags"));
    long days = d.get("daysLeft").asLong();
    assertTrue(days >= 29 && days <= 30, "days left: " + days);
    assertEquals("nsec", d.get("denial").asText());
    CliRunner.Result text = check("good.test");
    assertEquals(0, text.exitCode());
    assertTrue(text.out().contains("no findings"), text.out());
  }

  @Test
  void olderSerialIsFoundOnTheServerThatLags() throws Exception {
    JsonNode j = json("serial.test");
    assertEquals(List.of("serial-behind"), codes(j));
    JsonNode f = finding(j, "serial-behind");
    assertEquals(CheckHierarchy.P + "22", f.get("address").asText());
    assertEquals("10", f.get("expected").asText());
    assertEquals("9", f.get("found").asText());
    assertEquals("warning", f.get("severity").asText());
    assertEquals("ok", j.get("verdict").asText(), "a warning is no error");
  }

  @Test
  void lameAndRefusingServersAreErrors() throws Exception {
    JsonNode j = json("lame.test");
    assertEquals("errors", j.get("verdict").asText());
    assertEquals(CheckHierarchy.P + "2", finding(j, "lame").get("address").asText());
    assertEquals(CheckHierarchy.P + "33", finding(j, "refused").get("address").asText());
    assertEquals(List.of("lame", "refused"), codes(j).stream().sorted().toList());
  }

  @Test
  void nsSetAtParentAndChildDiffer() throws Exception {
    JsonNode j = json("mismatch.test");
    assertEquals("ns2.mismatch.test.", finding(j, "ns-only-at-parent").get("server").asText());
    assertEquals("ns3.mismatch.test.", finding(j, "ns-only-at-child").get("server").asText());
    List<String> asked = new ArrayList<>();
    j.get("servers").forEach(s -> asked.add(s.get("address").asText()));
    assertTrue(asked.contains(CheckHierarchy.P + "43"), "the child's own NS is asked: " + asked);
    // ns2 is still served (by the same NSD): only the NS sets disagree
    assertEquals(
        List.of("ns-only-at-child", "ns-only-at-parent"), codes(j).stream().sorted().toList());
  }

  @Test
  void glueThatDisagreesWithTheZone() throws Exception {
    JsonNode j = json("glue.test");
    JsonNode f = finding(j, "glue-mismatch");
    assertEquals("ns1.glue.test.", f.get("server").asText());
    assertEquals(CheckHierarchy.P + "51", f.get("found").asText());
    assertEquals(CheckHierarchy.P + "53", f.get("expected").asText());
    assertEquals(List.of("glue-mismatch"), codes(j));
    assertEquals("errors", j.get("verdict").asText());
  }

  @Test
  void serverWithoutTcp() throws Exception {
    JsonNode j = json("udponly.test");
    assertEquals(List.of("no-tcp"), codes(j));
    assertEquals(CheckHierarchy.P + "62", finding(j, "no-tcp").get("address").asText());
  }

  @Test
  void signaturesExpiringInThreeDays() throws Exception {
    JsonNode j = json("expiring.test");
    assertEquals(List.of("signature-expiring"), codes(j));
    JsonNode f = finding(j, "signature-expiring");
    assertEquals(3, f.get("number").asLong());
    assertEquals("warning", f.get("severity").asText());
    assertEquals(3, j.get("dnssec").get("daysLeft").asLong());
  }

  @Test
  void dsThatMatchesNoKey() throws Exception {
    JsonNode j = json("badds.test");
    assertEquals(List.of("ds-no-matching-key"), codes(j));
    assertTrue(j.get("dnssec").get("matchedKeyTags").isEmpty());
  }

  @Test
  void silentServerMakesThePartialExitCode() throws Exception {
    CliRunner.Result r = check("silent.test", "--json");
    assertEquals(3, r.exitCode(), r.toString());
    JsonNode j = r.json();
    assertEquals(List.of("no-reply"), codes(j));
    assertEquals(CheckHierarchy.P + "91", finding(j, "no-reply").get("address").asText());
  }

  @Test
  void zoneThatIsNotDelegated() throws Exception {
    CliRunner.Result r = check("nosuch.test", "--json");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of("not-delegated"), codes(r.json()));
  }
}
