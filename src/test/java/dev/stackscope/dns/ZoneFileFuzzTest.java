package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Fuzz targets for the zone-file readers of user-named files (docs/fuzzing.md): {@code
 * --root-hints} and {@code --trust-anchor}. Without JAZZER_FUZZ they replay the corpora in {@code
 * ZoneFileFuzzTestInputs/}.
 */
class ZoneFileFuzzTest {
  /**
   * Any text: only DnsInputException (with a message naming the file kind) escapes; what parses is
   * a non-empty list of root nameservers, each with at least one address.
   */
  @FuzzTest
  void rootHints(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    List<NameServer> servers;
    try {
      servers = RootHints.parse(text);
    } catch (DnsInputException e) {
      assertTrue(e.getMessage().startsWith("root hints: "), e.getMessage());
      return;
    }
    assertFalse(servers.isEmpty());
    for (NameServer ns : servers) {
      assertTrue(ns.name().isAbsolute(), ns::toString);
    }
  }

  /** Any text: only DnsInputException escapes; what parses is DS and DNSKEY records only. */
  @FuzzTest
  void trustAnchors(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    List<Record> anchors;
    try {
      anchors = TrustAnchors.parse(text);
    } catch (DnsInputException e) {
      assertTrue(e.getMessage().startsWith("trust anchors: "), e.getMessage());
      return;
    }
    assertFalse(anchors.isEmpty());
    for (Record r : anchors) {
      assertTrue(r instanceof DSRecord || r instanceof DNSKEYRecord, r::toString);
      assertTrue(r.getName().subdomain(Name.root));
    }
  }
}
