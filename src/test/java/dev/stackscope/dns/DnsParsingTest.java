package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Names, types, server addresses and root hints, parsed from text. */
class DnsParsingTest {
  @Test
  void namesBecomeAbsoluteAndUnicodeBecomesPunycode() {
    QueryName plain = QueryName.parse("Example.COM");
    assertEquals("Example.COM.", plain.ascii());
    assertFalse(plain.converted());
    assertEquals(null, plain.unicode());
    QueryName idn = QueryName.parse("bücher.de.");
    assertEquals("xn--bcher-kva.de.", idn.ascii());
    assertEquals("bücher.de.", idn.unicode());
    assertEquals(".", QueryName.parse(".").ascii());
  }

  @Test
  void nameLimitsAreEnforcedWithTheReason() {
    String label63 = "a".repeat(63);
    assertEquals(label63 + ".test.", QueryName.parse(label63 + ".test").ascii());
    DnsInputException e =
        assertThrows(DnsInputException.class, () -> QueryName.parse("a".repeat(64) + ".test"));
    assertTrue(e.getMessage().contains("64 octets (at most 63)"), e.getMessage());
    // 4 labels of 63 + 1 label of 1: 4*64 + 2 + 1 = 259 octets on the wire
    String tooLong = (label63 + ".").repeat(4) + "a";
    e = assertThrows(DnsInputException.class, () -> QueryName.parse(tooLong));
    assertTrue(e.getMessage().contains("259 octets"), e.getMessage());
    // 3 labels of 63 + one of 61: 3*64 + 62 + 1 = 255 octets: the largest legal name
    String longest = (label63 + ".").repeat(3) + "b".repeat(61);
    assertEquals(longest + ".", QueryName.parse(longest).ascii());
    e = assertThrows(DnsInputException.class, () -> QueryName.parse("a..b"));
    assertTrue(e.getMessage().contains("empty label"), e.getMessage());
    assertThrows(DnsInputException.class, () -> QueryName.parse(".leading"));
    assertThrows(DnsInputException.class, () -> QueryName.parse(""));
  }

  @Test
  void typesByMnemonicOnly() {
    assertEquals(Type.HTTPS, RecordTypes.parse("https"));
    assertEquals(Type.SVCB, RecordTypes.parse("SVCB"));
    assertEquals(Type.CAA, RecordTypes.parse("caa"));
    assertTrue(RecordTypes.isType("MX"));
    assertFalse(RecordTypes.isType("example"));
    assertFalse(RecordTypes.isType("15"));
    DnsInputException e = assertThrows(DnsInputException.class, () -> RecordTypes.parse("NOPE"));
    assertTrue(e.getMessage().startsWith("unknown record type 'NOPE'"), e.getMessage());
  }

  @Test
  void serverAddresses() {
    assertEquals(new InetSocketAddress("127.0.0.1", 53), ServerAddress.parse("127.0.0.1", 53));
    assertEquals(
        new InetSocketAddress("127.0.0.1", 5353), ServerAddress.parse("127.0.0.1:5353", 53));
    InetSocketAddress v6 = ServerAddress.parse("[::1]:5300", 53);
    assertTrue(v6.getAddress() instanceof Inet6Address);
    assertEquals(5300, v6.getPort());
    assertEquals(53, ServerAddress.parse("::1", 53).getPort());
    assertEquals("[::1]:5300", ServerAddress.format(v6).replace("0:0:0:0:0:0:0:1", "::1"));
    assertThrows(DnsInputException.class, () -> ServerAddress.parse("dns.google", 53));
    assertThrows(DnsInputException.class, () -> ServerAddress.parse("127.0.0.1:0", 53));
    assertThrows(DnsInputException.class, () -> ServerAddress.parse("300.0.0.1", 53));
  }

  @Test
  void builtInRootHintsAreTheThirteenRootServers() {
    List<NameServer> roots = RootHints.builtIn();
    assertEquals(13, roots.size());
    for (int i = 0; i < 13; i++) {
      NameServer ns = roots.get(i);
      assertEquals((char) ('a' + i) + ".root-servers.net.", ns.name().toString().toLowerCase());
      assertEquals(2, ns.addresses().size(), ns.toString());
      assertTrue(ns.addresses().get(0) instanceof Inet4Address);
      assertTrue(ns.addresses().get(1) instanceof Inet6Address);
    }
    assertEquals("198.41.0.4", roots.get(0).addresses().get(0).getHostAddress());
    assertEquals("170.247.170.2", roots.get(1).addresses().get(0).getHostAddress());
  }

  @Test
  void rootHintsFileNeedsRootNameserversWithAddresses() {
    List<NameServer> one = RootHints.parse(TestHierarchy.ROOT_HINTS);
    assertEquals(1, one.size());
    assertEquals("a.root-servers.test.", one.get(0).name().toString());
    DnsInputException e =
        assertThrows(DnsInputException.class, () -> RootHints.parse(".  3600 NS  a.example.\n"));
    assertTrue(e.getMessage().contains("no addresses"), e.getMessage());
    e = assertThrows(DnsInputException.class, () -> RootHints.parse("garbage here\n"));
    assertTrue(e.getMessage().startsWith("root hints:"), e.getMessage());
  }
}
