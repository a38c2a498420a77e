package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Root hints and trust anchors are read within a size limit; zone-file directives must not get
 * round it: $INCLUDE would read any local file (/dev/zero too), $GENERATE would make millions of
 * records from one line.
 */
class ZoneFileDirectivesTest {
  private static final String ROOT_NS = ". 3600000 NS a.root-servers.net.\n";
  private static final String ROOT_A = "a.root-servers.net. 3600000 A 127.0.0.1\n";

  @Test
  void rootHintsRefuseInclude() {
    DnsInputException e =
        assertThrows(
            DnsInputException.class,
            () -> RootHints.parse("$INCLUDE /dev/zero\n" + ROOT_NS + ROOT_A));
    assertTrue(e.getMessage().startsWith("root hints: "), e.getMessage());
  }

  @Test
  void trustAnchorsRefuseInclude() {
    DnsInputException e =
        assertThrows(DnsInputException.class, () -> TrustAnchors.parse("$INCLUDE /etc/hostname\n"));
    assertTrue(e.getMessage().startsWith("trust anchors: "), e.getMessage());
  }

  @Test
  void rootHintsDoNotExpandGenerate() {
    // Not expanded: the directive yields no records, so only the one real server is read.
    var servers =
        RootHints.parse("$GENERATE 1-1000000 x$ 3600000 A 127.0.0.1\n" + ROOT_NS + ROOT_A);
    assertTrue(servers.size() == 1, servers::toString);
  }
}
