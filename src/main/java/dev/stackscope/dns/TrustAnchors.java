package dev.stackscope.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Where DNSSEC validation starts: DS or DNSKEY records of one or more zones (zone file format, as
 * Unbound's trust-anchor-file). Built in: the IANA root KSKs (key tags 20326 and 38696) as DS.
 */
public final class TrustAnchors {
  private static final String BUILT_IN = "/dev/stackscope/dns/root-anchors.zone";
  /** The largest trust anchor file read: a root anchor file is a few hundred bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private TrustAnchors() {}

  public static List<Record> builtIn() {
    try (InputStream in = TrustAnchors.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in trust anchors missing: " + BUILT_IN);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The DS and DNSKEY records in {@code text} (TTLs optional, as in the files ldns-keygen and
   * unbound-anchor write); other types are ignored, none at all refused.
   */
  public static List<Record> parse(String text) {
    List<Record> anchors = new ArrayList<>();
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 0)) {
      // The file is read within a limit: an $INCLUDE (of /dev/zero, or any local file) or a
      // $GENERATE of millions of records must not get round it.
      master.disableIncludes(true);
      master.expandGenerate(false);
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r instanceof DSRecord || r instanceof DNSKEYRecord) {
          anchors.add(r);
        }
      }
    } catch (IOException e) {
      throw new DnsInputException("trust anchors: " + e.getMessage());
    } catch (RuntimeException e) {
      // dnsjava's zone-file reader throws unchecked exceptions on some malformed input (an empty
      // quoted string: StringIndexOutOfBoundsException); found by ZoneFileFuzzTest.
      throw new DnsInputException("trust anchors: malformed zone file (" + e.getClass().getSimpleName() + ")");
    }
    if (anchors.isEmpty()) {
      throw new DnsInputException("trust anchors: no DS or DNSKEY records");
    }
    return List.copyOf(anchors);
  }
}
