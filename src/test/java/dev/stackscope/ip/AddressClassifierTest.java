package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassifierTest {
  private final AddressClassifier classifier = AddressClassifier.standard();

  private Classification classify(String s) {
    return classifier.classify(AddressParser.parse(s));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "10.1.2.3, private",
    "172.31.255.255, private",
    "172.32.0.1, global",
    "192.168.0.1, private",
    "100.64.0.1, shared",
    "100.127.255.255, shared",
    "100.128.0.0, global",
    "127.0.0.1, loopback",
    "169.254.1.1, link-local",
    "192.0.2.1, documentation",
    "198.18.0.1, benchmarking",
    "198.51.100.7, documentation",
    "203.0.113.9, documentation",
    "224.0.0.251, multicast",
    "239.255.255.250, multicast",
    "240.0.0.1, reserved",
    "255.255.255.255, reserved",
    "0.0.0.0, unspecified",
    "0.1.2.3, reserved",
    "8.8.8.8, global",
    "192.88.99.1, global",
    "::, unspecified",
    "::1, loopback",
    "fe80::1, link-local",
    "fd00::1, private",
    "fec0::1, reserved",
    "ff02::1, multicast",
    "2001:db8::1, documentation",
    "3fff::1, documentation",
    "2606:4700::1, global",
    "4000::1, reserved",
    "2001:2::1, benchmarking",
    "2001:10::1, reserved",
    "5f00::1, reserved",
  })
  void verdicts(String address, String verdict) {
    assertEquals(verdict, classify(address).verdict().toString());
  }

  @ParameterizedTest(name = "{0} embeds {2} {1} → {3}")
  @CsvSource({
    "::ffff:127.0.0.1,                      127.0.0.1,   ipv4-mapped,     loopback",
    "::ffff:8.8.8.8,                        8.8.8.8,     ipv4-mapped,     global",
    "::ffff:7f00:1,                         127.0.0.1,   ipv4-mapped,     loopback",
    "::10.0.0.1,                            10.0.0.1,    ipv4-compatible, private",
    "::8.8.8.8,                             8.8.8.8,     ipv4-compatible, global",
    "64:ff9b::8.8.8.8,                      8.8.8.8,     nat64,           global",
    "64:ff9b::a9fe:a9fe,                    169.254.169.254, nat64,       link-local",
    "64:ff9b:1:c000:2:2100::,               192.0.2.33,  nat64-local,     documentation",
    "64:ff9b:1:808:8:800::,                 8.8.8.8,     nat64-local,     reserved",
    "2002:c0a8:101::1,                      192.168.1.1, 6to4,            private",
    "2002:808:808::1,                       8.8.8.8,     6to4,            global",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2,  192.0.2.45,  teredo,          documentation",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7,  8.8.8.8,     teredo,          global",
  })
  void embeddedIpv4IsExtractedAndDecidesUnderTheDocumentedRule(
      String address, String embedded, String form, String verdict) {
    Classification c = classify(address);
    assertEquals(embedded, c.embedded().address().toString());
    assertEquals(form, c.embedded().form());
    assertEquals(verdict, c.verdict().toString());
  }

  @Test
  void teredoServerAndPortAreDeobfuscated() {
    // RFC 4380 section 4 example: server 65.54.227.120, client 192.0.2.45 port 40000
    EmbeddedIpv4 e = classify("2001:0000:4136:e378:8000:63bf:3fff:fdd2").embedded();
    assertEquals("65.54.227.120", e.teredoServer().toString());
    assertEquals(40000, e.teredoPort());
  }

  @Test
  void plainAddressesHaveNoEmbeddedIpv4() {
    assertNull(classify("::1").embedded());
    assertNull(classify("::").embedded());
    assertNull(classify("2001:db8::1").embedded());
    assertNull(classify("10.0.0.1").embedded());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "ff01::1, interface-local", "ff02::fb, link-local", "ff05::2, site-local",
    "ff08::1, organization-local", "ff0e::1, global", "ff12::1, link-local",
    "224.0.0.251, link-local", "239.255.255.250, site-local", "239.192.0.1, organization-local",
    "239.1.1.1, admin-local", "233.252.0.1, global",
  })
  void multicastScope(String address, String scope) {
    assertEquals(scope, classify(address).multicastScope());
  }

  @Test
  void mostSpecificBlockWins() {
    assertEquals("Port Control Protocol Anycast", classify("192.0.0.9").block().name());
    assertEquals("IETF Protocol Assignments", classify("192.0.0.100").block().name());
    assertEquals("2001:1::1/128", classify("2001:1::1").block().prefix());
    assertEquals("Global Unicast", classify("2a00::1").block().name());
  }

  @Test
  void supplementBlocksNeverHideAnIanaBlock() {
    SpecialRegistry r = SpecialRegistry.standard();
    for (int v : new int[] {4, 6}) {
      for (RegistryEntry iana : r.entries(v)) {
        if (!iana.fromIana()) {
          continue;
        }
        for (IpAddress a : new IpAddress[] {iana.network(), iana.last()}) {
          RegistryEntry got = r.lookup(a);
          assertEquals(
              true, got.fromIana() || got.prefixLength() <= iana.prefixLength(), a + " → " + got);
          assertEquals(true, got.fromIana(), a + " is covered by the non-IANA " + got.prefix());
        }
      }
    }
  }

  @Test
  void multicastBlocksHaveAScopeOnlyWhenTheWholeBlockShares() {
    AddressAnalyzer analyzer = AddressAnalyzer.standard();
    assertEquals("link-local", analyzer.analyze("ff02::/16", null).multicastScope());
    assertEquals("mixed", analyzer.analyze("ff02::-ff05::1", null).multicastScope());
    assertEquals("link-local", analyzer.analyze("224.0.0.0/24", null).multicastScope());
  }
}
