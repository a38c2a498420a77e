package dev.stackscope.cli.url;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads records one at a time from a stream: lines (LF or CRLF) or NUL-terminated records. Empty
 * records are skipped. Holds one record in memory at a time, so input of any length streams.
 */
final class RecordReader {
  private final BufferedReader in;
  private final boolean nul;
  private final StringBuilder record = new StringBuilder(128);

  RecordReader(Reader in, boolean nulSeparated) {
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    this.nul = nulSeparated;
  }

  /** The next non-empty record, or null at the end of the input. */
  String next() throws IOException {
    while (true) {
      String r = nul ? nextNul() : in.readLine();
      if (r == null) {
        return null;
      }
      if (!r.isEmpty()) {
        return r;
      }
    }
  }

  private String nextNul() throws IOException {
    record.setLength(0);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == 0) {
        return record.toString();
      }
      record.append((char) c);
    }
    return record.length() == 0 ? null : record.toString();
  }
}
