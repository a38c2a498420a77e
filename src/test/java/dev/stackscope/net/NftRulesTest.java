package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DNAT rules of {@code nft -j list ruleset}: a real ruleset's JSON (src/test/resources/
 * dev/stackscope/net/nft/, its README) read into the rules the iptables reader gives, and what is
 * not understood skipped.
 */
class NftRulesTest {
  private static final Path FIXTURE =
      Path.of(System.getProperty("stackscope.repo", "."))
          .resolve("src/test/resources/dev/stackscope/net/nft/ruleset.json");

  private static IpAddress ip(String text) {
    return AddressParser.parse(text);
  }

  @Test
  void realRulesetsDnatRules() throws IOException {
    List<NatRules.Rule> rules = NftRules.parse(Files.readString(FIXTURE, StandardCharsets.UTF_8));
    assertEquals(7, rules.size(), rules::toString);

    NatRules.Rule v4 = rules.get(0);
    assertEquals("NETAVARK-HOSTPORT-DNAT", v4.chain());
    assertEquals("tcp", v4.protocol());
    assertEquals(ip("127.0.0.1"), v4.destination());
    assertEquals(32, v4.prefix());
    assertEquals(8080, v4.firstPort());
    assertEquals(ip("10.88.0.2"), v4.to());
    assertEquals(80, v4.targetPort(8080));
    assertTrue(v4.matches("tcp", ip("127.0.0.1"), 8080));
    assertFalse(v4.matches("udp", ip("127.0.0.1"), 8080));
    assertFalse(v4.matches("tcp", ip("127.0.0.2"), 8080));

    NatRules.Rule v6 = rules.get(1);
    assertEquals(ip("::1"), v6.destination());
    assertEquals(128, v6.prefix());
    assertEquals(ip("fd00::2"), v6.to());
    assertEquals(80, v6.targetPort(8081));

    NatRules.Rule udp = rules.get(2);
    assertEquals("udp", udp.protocol());
    assertNull(udp.destination());
    assertEquals(5353, udp.targetPort(5353), "no port: the same port");

    NatRules.Rule range = rules.get(3);
    assertEquals(9000, range.firstPort());
    assertEquals(9010, range.lastPort());
    assertTrue(range.matches("tcp", ip("192.0.2.1"), 9005));

    assertEquals(ip("10.88.0.5"), rules.get(4).to(), "meta l4proto + th dport (folded by nft)");
    // the negated destination (10.88.0.6) and the set of ports (10.88.0.7) are skipped
    NatRules.Rule prefix = rules.get(5);
    assertEquals(ip("10.88.0.8"), prefix.to());
    assertEquals(16, prefix.prefix());
    assertTrue(prefix.matches("tcp", ip("192.168.4.5"), 3000));
    assertFalse(prefix.matches("tcp", ip("192.169.4.5"), 3000));

    NatRules.Rule docker = rules.get(6);
    assertEquals("DOCKER", docker.chain());
    assertEquals(ip("172.17.0.2"), docker.to());
    assertEquals(8080, docker.targetPort(8082), "a negated input interface does not narrow it");
  }

  @Test
  void thDportWithL4protoTakesItsProtocol() {
    String json =
        rule(
            "{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"l4proto\"}},\"right\":17}},"
                + "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"th\","
                + "\"field\":\"dport\"}},\"right\":53}},"
                + "{\"dnat\":{\"addr\":\"10.0.0.1\",\"port\":5353}}");
    NatRules.Rule r = NftRules.parse(json).get(0);
    assertEquals("udp", r.protocol());
    assertEquals(5353, r.targetPort(53));
  }

  @Test
  void whatIsNotOneAddressAndPortIsSkipped() {
    String dport =
        "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\","
            + "\"field\":\"dport\"}},\"right\":80}},";
    // a map as the DNAT's address, a redirect, a jump, a second protocol, no port at all
    for (String expr :
        List.of(
            dport + "{\"dnat\":{\"addr\":{\"map\":{\"key\":{},\"data\":\"@m\"}}}}",
            dport + "{\"redirect\":{\"port\":8080}}",
            dport + "{\"jump\":{\"target\":\"X\"}}",
            dport
                + "{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"l4proto\"}},"
                + "\"right\":\"udp\"}},{\"dnat\":{\"addr\":\"10.0.0.1\"}}",
            "{\"dnat\":{\"addr\":\"10.0.0.1\",\"port\":80}}",
            dport + "{\"dnat\":{\"addr\":\"10.0.0.1\",\"port\":70000}}",
            dport + "{\"dnat\":{\"addr\":\"fe80::1%eth0\"}}")) {
      assertEquals(List.of(), NftRules.parse(rule(expr)), expr);
    }
  }

  @Test
  void malformedOrCutShortGivesTheRulesBefore() throws IOException {
    String text = Files.readString(FIXTURE, StandardCharsets.UTF_8);
    int at = text.indexOf("\"10.88.0.5\"");
    List<NatRules.Rule> cut = NftRules.parse(text.substring(0, at));
    assertEquals(4, cut.size(), cut::toString);
    assertEquals(List.of(), NftRules.parse("not json"));
    assertEquals(List.of(), NftRules.parse("[1,2]"));
    assertEquals(List.of(), NftRules.parse(null));
    assertEquals(List.of(), NftRules.parse("{\"nftables\":[" + "[".repeat(5000)));
  }

  /** One rule of chain {@code C} with these statements, as nft's JSON. */
  static String rule(String expr) {
    return "{\"nftables\":[{\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"C\","
        + "\"handle\":1,\"expr\":["
        + expr
        + "]}}]}";
  }
}
