package dev.stackscope.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A zone file's records, read the one way root hints and trust anchors are read: relative to the
 * root, with {@code $INCLUDE} and {@code $GENERATE} off, and dnsjava's exceptions turned into a
 * one-line {@link DnsInputException} that names the file's kind.
 */
final class ZoneFile {
  /** No default TTL: a record without one (and without a {@code $TTL}) is an error. */
  static final long NO_DEFAULT_TTL = -1;

  private ZoneFile() {}

  /** The text of a zone file built into the jar; {@code what} names it in the error. */
  static String builtIn(String resource, String what) {
    try (InputStream in = ZoneFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in " + what + " missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every record in {@code text}.
   *
   * @param defaultTtl the TTL of records that give none, or {@link #NO_DEFAULT_TTL}
   * @param what the file's kind, the prefix of an error's message ({@code root hints})
   */
  static List<Record> records(String text, long defaultTtl, String what) {
    List<Record> records = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            Name.root,
            defaultTtl)) {
      // The file is read within a limit: an $INCLUDE (of /dev/zero, or any local file) or a
      // $GENERATE of millions of records must not get round it.
      master.disableIncludes(true);
      master.expandGenerate(false);
      Record r;
      while ((r = master.nextRecord()) != null) {
        records.add(r);
      }
    } catch (IOException e) {
      throw new DnsInputException(what + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // dnsjava's zone-file reader throws unchecked exceptions on some malformed input (an empty
      // quoted string: StringIndexOutOfBoundsException); found by ZoneFileFuzzTest.
      throw new DnsInputException(
          what + ": malformed zone file (" + e.getClass().getSimpleName() + ")");
    }
    return records;
  }
}
