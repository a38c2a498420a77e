package dev.stackscope.cli.url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads records from a byte stream: lines (LF, a CR before it dropped) or NUL-terminated records,
 * decoded as UTF-8 (invalid bytes become U+FFFD). Empty records are skipped. Works on bytes with
 * one reusable buffer, so input of any length streams in flat memory, and ASCII lines become
 * strings with a single copy.
 */
final class RecordReader {
  private final InputStream in;
  private final byte delimiter;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;

  RecordReader(InputStream in, boolean nulSeparated) {
    this.in = in;
    this.delimiter = nulSeparated ? (byte) 0 : (byte) '\n';
  }

  /** The next non-empty record, or null at the end of the input. */
  String next() throws IOException {
    while (true) {
      int scan = pos;
      while (true) {
        int end = indexOf(scan);
        if (end >= 0) {
          String r = record(pos, end);
          pos = end + 1;
          if (r != null) {
            return r;
          }
          break;
        }
        if (eof) {
          if (pos == limit) {
            return null;
          }
          String r = record(pos, limit);
          pos = limit;
          if (r != null) {
            return r;
          }
          return null;
        }
        scan = limit - pos;
        fill();
        scan += pos;
      }
    }
  }

  private int indexOf(int from) {
    byte d = delimiter;
    byte[] b = buf;
    for (int i = from; i < limit; i++) {
      if (b[i] == d) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps the unread bytes, moved to the front, and reads more (growing for a long record). */
  private void fill() throws IOException {
    int unread = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, unread);
    } else if (unread == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    pos = 0;
    limit = unread;
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private String record(int from, int to) {
    if (delimiter == '\n' && to > from && buf[to - 1] == '\r') {
      to--;
    }
    return to == from ? null : new String(buf, from, to - from, StandardCharsets.UTF_8);
  }
}
