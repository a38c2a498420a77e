package dev.stackscope.dns;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * {@link TestHierarchy} with zones signed for real (ECDSA P-256, NSEC): the root, test.,
 * example.test. and lab. are signed; sub.example.test., glueless.test. and the others are unsigned
 * delegations whose absent DS the parent proves; the root's DS for lab. matches no key of lab.;
 * example.test. holds a tampered (tampered.example.test) and an expired (expired.example.test)
 * signature.
 */
final class SignedHierarchy {
  static final Instant NOW = Instant.now();
  final Map<String, ZoneSigner> signers;
  final FakeHierarchy hierarchy;

  SignedHierarchy() throws Exception {
    signers =
        Map.of(
            ".", new ZoneSigner("."),
            "test.", new ZoneSigner("test."),
            "example.test.", new ZoneSigner("example.test."),
            "lab.", new ZoneSigner("lab."));
    ZoneSigner stranger = new ZoneSigner("lab.");
    hierarchy =
        new FakeHierarchy(
            0,
            (file, zone) -> {
              ZoneSigner signer = signers.get(file.origin());
              if (signer == null || file.file().equals("loop-server.test.zone")) {
                return zone;
              }
              try {
                return sign(file.origin(), signer, zone, stranger);
              } catch (IOException e) {
                throw e;
              } catch (Exception e) {
                throw new IOException(e);
              }
            });
  }

  /** The root key's DS in zone file format: a --trust-anchor file's content. */
  String rootAnchor() {
    return signers.get(".").ds().toString() + "\n";
  }

  private Zone sign(String origin, ZoneSigner signer, Zone zone, ZoneSigner stranger)
      throws Exception {
    List<Record> extra = new ArrayList<>();
    Name o = Name.fromString(origin);
    switch (origin) {
      case "." -> {
        extra.add(signers.get("test.").ds());
        extra.add(stranger.ds()); // lab.'s DS: a key that lab. does not have
      }
      case "test." -> extra.add(signers.get("example.test.").ds());
      case "example.test." -> {
        extra.add(
            new ARecord(
                Name.fromString("tampered", o), DClass.IN, 300, new byte[] {127, 0, 0, 66}));
        extra.add(
            new ARecord(Name.fromString("expired", o), DClass.IN, 300, new byte[] {127, 0, 0, 67}));
      }
      default -> {}
    }
    List<Record> records =
        signer.sign(zone, extra, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    if (origin.equals("example.test.")) {
      Name tampered = Name.fromString("tampered", o);
      Name expired = Name.fromString("expired", o);
      // the data changes after signing: the signature no longer matches
      records.removeIf(r -> r.getName().equals(tampered) && r.getType() == Type.A);
      records.add(new ARecord(tampered, DClass.IN, 300, new byte[] {127, 0, 0, 99}));
      // a signature whose validity ended yesterday
      records.removeIf(
          r ->
              r.getName().equals(expired)
                  && r instanceof RRSIGRecord s
                  && s.getTypeCovered() == Type.A);
      records.add(
          signer.signature(
              new RRset(new ARecord(expired, DClass.IN, 300, new byte[] {127, 0, 0, 67})),
              NOW.minus(Duration.ofDays(10)),
              NOW.minus(Duration.ofDays(1))));
    }
    return new Zone(o, records.toArray(new Record[0]));
  }
}
