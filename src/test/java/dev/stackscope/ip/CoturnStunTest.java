package dev.stackscope.ip;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * STUN against a real coturn on loopback: no NAT between, so the mapped address is the local one.
 */
class CoturnStunTest {
  private static final Pattern LOCAL = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

  @Test
  void oneAddressServerSeesTheLocalAddressSoNotBehindNat() throws Exception {
    assumeTrue(Coturn.available(), "turnserver (Debian package coturn) absent");
    List<String> ips = List.of("127.0.0.1");
    try (Coturn coturn = Coturn.start(List.of(), ips, Coturn.freePortPair(ips))) {
      coturn.awaitStun("127.0.0.1");
      Result r = stackscope("nat", "--json", "--stun", "127.0.0.1:" + coturn.port);
      assertEquals(0, r.exitCode(), r + coturn.log());
      JsonNode stun = r.json().path("stun");
      assertEquals(false, stun.path("behindNat").asBoolean(true), r.out());
      assertEquals("127.0.0.1", stun.path("mappedAddress").asText(), r.out());
      Matcher m = LOCAL.matcher(stun.path("localAddress").asText());
      assertTrue(m.matches(), r.out());
      assertEquals(Integer.parseInt(m.group(1)), stun.path("mappedPort").asInt(), r.out());
      assertTrue(stun.path("software").asText().startsWith("Coturn-"), r.out());
      // one address: no OTHER-ADDRESS, so no RFC 5780 verdicts, and the report says why
      assertTrue(stun.path("otherAddress").isNull(), r.out());
      assertTrue(stun.path("mapping").isNull(), r.out());
      assertEquals(1, stun.path("notes").size(), r.out());
      assertEquals("no-other-address", stun.path("notes").get(0).path("kind").asText(), r.out());
      assertEquals("not-behind-nat", r.json().path("assessment").asText(), r.out());

      Result text = stackscope("nat", "--stun", "127.0.0.1:" + coturn.port);
      assertEquals(0, text.exitCode(), text.toString());
      assertTrue(text.out().contains("behind NAT       no"), text.out());
      assertTrue(text.out().contains("the server offers no OTHER-ADDRESS"), text.out());
    }
  }

  @Test
  void twoAddressServerOffersOtherAddressAndRfc5780TestsFindNoTranslation() throws Exception {
    assumeTrue(Coturn.available(), "turnserver (Debian package coturn) absent");
    List<String> ips = List.of("127.0.0.1", "127.0.0.2");
    try (Coturn coturn = Coturn.start(List.of(), ips, Coturn.freePortPair(ips))) {
      coturn.awaitStun("127.0.0.1");
      TransportAddress server = new TransportAddress(AddressParser.parse("127.0.0.1"), coturn.port);
      try (UdpStunTransport t = UdpStunTransport.towards(server)) {
        List<String> tests = new java.util.ArrayList<>();
        StunReport r =
            new NatBehaviourProbe(
                    StunClient.of(t, Duration.ofSeconds(2)),
                    AddressClassifier.standard(),
                    (test, to) -> tests.add(test + " " + to))
                .probe(server, server.toString());
        assertEquals(
            List.of(
                "BINDING 127.0.0.1:" + coturn.port,
                "MAPPING_OTHER_ADDRESS 127.0.0.2:" + coturn.port,
                "FILTERING_CHANGE_ADDRESS 127.0.0.1:" + coturn.port),
            tests,
            "each test told as its request goes out; no test III after an independent answer");
        assertEquals(false, r.behindNat());
        assertEquals("127.0.0.2:" + coturn.altPort, r.otherAddress());
        assertEquals("127.0.0.1:" + coturn.port, r.responseOrigin());
        assertEquals(NatBehaviour.ENDPOINT_INDEPENDENT, r.mapping(), r.notes().toString());
        assertEquals(NatBehaviour.ENDPOINT_INDEPENDENT, r.filtering(), r.notes().toString());
        assertEquals(List.of(), r.notes());
      }
    }
  }

  @Test
  void ipv6LoopbackMappedAddressIsDecodedFromXorMappedAddress() throws Exception {
    assumeTrue(Coturn.available(), "turnserver (Debian package coturn) absent");
    List<String> ips = List.of("::1");
    int port;
    try {
      port = Coturn.freePortPair(ips);
    } catch (java.io.IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
      return;
    }
    try (Coturn coturn = Coturn.start(List.of(), ips, port)) {
      coturn.awaitStun("::1");
      Result r = stackscope("nat", "--json", "--stun", "[::1]:" + coturn.port);
      assertEquals(0, r.exitCode(), r + coturn.log());
      JsonNode stun = r.json().path("stun");
      assertEquals(false, stun.path("behindNat").asBoolean(true), r.out());
      assertEquals("::1", stun.path("mappedAddress").asText(), r.out());
      assertTrue(stun.path("localAddress").asText().startsWith("[::1]:"), r.out());
    }
  }

  @Test
  void silentPortGivesATimeoutErrorNotAHang() throws Exception {
    List<String> ips = List.of("127.0.0.1");
    int port = Coturn.freePortPair(ips);
    Result r = stackscope("nat", "--stun", "127.0.0.1:" + port, "--timeout", "0.5");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(
        "stackscope: no answer from STUN server 127.0.0.1:" + port + " (127.0.0.1:" + port + ")\n",
        r.err());
  }
}
