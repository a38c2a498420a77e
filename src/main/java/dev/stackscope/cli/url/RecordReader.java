package dev.stackscope.cli.url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads records from a byte stream: lines (LF, a CR before it dropped) or NUL-terminated records,
 * decoded as UTF-8 (invalid bytes become U+FFFD). Empty lines are skipped; an empty NUL-terminated
 * record is a record (returned as {@code ""}: {@code url -0} answers it, so outputs stay aligned
 * with inputs; an empty unterminated tail is no record). Works on bytes with one reusable buffer,
 * so input of any length streams in flat memory, and ASCII lines become strings with a single copy.
 * The one record reader of the command line ({@code url --url-file}, {@code ip --file} and standard
 * input).
 *
 * <p>A record is at most {@code maxRecordBytes} long, and so is a run of empty records: a file that
 * never ends ({@code /dev/zero}, with or without {@code -0}) fails with {@link
 * RecordTooLongException} after that many bytes instead of filling the memory or spinning. The
 * number of records is not limited: they stream.
 */
public final class RecordReader {
  /** The default limit: 1 MiB, half of the longest URL browsers accept (2 MiB, Chrome). */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  private static final int INITIAL_BUFFER = 1 << 16;

  private final InputStream in;
  private final byte delimiter;
  private final int maxRecordBytes;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  // bytes of empty records skipped since the last record returned
  private long skipped;
  private long records;
  // NUL mode: empty records seen and not yet returned, then the ones to return before `pending`
  private final boolean keepEmpty;
  private long emptyRun;
  private long pendingEmpty;
  private String pending;

  public RecordReader(InputStream in, boolean nulSeparated) {
    this(in, nulSeparated, MAX_RECORD_BYTES);
  }

  /** A reader whose records (and runs of empty records) are at most {@code maxRecordBytes}. */
  public RecordReader(InputStream in, boolean nulSeparated, int maxRecordBytes) {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
    this.in = in;
    this.delimiter = nulSeparated ? (byte) 0 : (byte) '\n';
    this.keepEmpty = nulSeparated;
    this.maxRecordBytes = maxRecordBytes;
    this.buf = new byte[(int) Math.min(INITIAL_BUFFER, maxRecordBytes + 2L)];
  }

  /**
   * The next record (with {@code -0} possibly empty), or null at the end of the input. A run of
   * empty records is returned only once it has ended, so a run over the limit ({@code /dev/zero})
   * fails before any of it is returned.
   *
   * @throws RecordTooLongException when a record, or a run of empty ones, exceeds the limit
   */
  public String next() throws IOException {
    if (pendingEmpty > 0) {
      pendingEmpty--;
      records++;
      return "";
    }
    if (pending != null) {
      String r = pending;
      pending = null;
      return returned(r);
    }
    String r = scan();
    if (emptyRun > 0) {
      pendingEmpty = emptyRun;
      emptyRun = 0;
      pending = r;
      return next();
    }
    return r == null ? null : returned(r);
  }

  /** The next non-empty record (counting empty ones in {@link #emptyRun}), or null at the end. */
  private String scan() throws IOException {
    while (true) {
      int scan = pos;
      while (true) {
        int end = indexOf(scan);
        if (end >= 0) {
          check(end - pos - (crBefore(end) ? 1 : 0));
          String r = record(pos, end);
          skipped += end + 1 - pos;
          pos = end + 1;
          if (r != null) {
            return r;
          }
          if (keepEmpty) {
            emptyRun++;
          }
          break;
        }
        // unterminated so far: a CR may still turn out to be the line's end
        check(limit - pos - (delimiter == '\n' ? 1 : 0));
        if (eof) {
          if (pos == limit) {
            return null;
          }
          check(limit - pos - (crBefore(limit) ? 1 : 0));
          String r = record(pos, limit);
          pos = limit;
          return r;
        }
        scan = limit - pos;
        fill();
        scan += pos;
      }
    }
  }

  /** The limit this reader enforces, in bytes. */
  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  private String returned(String record) {
    records++;
    skipped = 0;
    return record;
  }

  /** Fails when the record being read ({@code length} bytes so far) is too long. */
  private void check(int length) throws RecordTooLongException {
    if (length > maxRecordBytes || skipped > maxRecordBytes) {
      throw new RecordTooLongException(records + 1, maxRecordBytes, length > maxRecordBytes);
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
      // the limit, a CR and one byte more are enough to see that a record is too long
      buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordBytes + 2L));
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

  private boolean crBefore(int end) {
    return delimiter == '\n' && end > pos && buf[end - 1] == '\r';
  }

  private String record(int from, int to) {
    if (delimiter == '\n' && to > from && buf[to - 1] == '\r') {
      to--;
    }
    return to == from ? null : new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  /** A record, or a run of empty records, longer than the reader's limit. */
  public static final class RecordTooLongException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long record;

    RecordTooLongException(long record, int limit, boolean oneRecord) {
      super(
          (oneRecord
                  ? "record " + record + " is"
                  : "the empty records before record " + record + " are")
              + " longer than "
              + limit
              + " bytes (the limit)");
      this.record = record;
    }

    /** The number of the record (1 = the first) that was too long. */
    public long record() {
      return record;
    }
  }
}
