package dev.stackscope.cli.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the {@code --url-file} record reader (docs/fuzzing.md). Without JAZZER_FUZZ it
 * replays the corpus in {@code RecordReaderFuzzTestInputs/records/}.
 */
class RecordReaderFuzzTest {
  /**
   * Whatever the bytes and however the stream cuts them into reads, the reader returns exactly the
   * records of a plain split on the delimiter (a CR before LF dropped), decoded as UTF-8 with
   * replacement — for lines the non-empty ones, for NUL-terminated records every terminated one
   * (empty too) and a non-empty tail — and then null for good.
   */
  @FuzzTest
  void records(FuzzedDataProvider data) throws IOException {
    boolean nul = data.consumeBoolean();
    int seed = data.consumeInt();
    byte[] bytes = data.consumeRemainingAsBytes();
    List<String> expected = split(bytes, nul ? (byte) 0 : (byte) '\n');

    RecordReader reader = new RecordReader(new ChunkedStream(bytes, seed), nul);
    List<String> actual = new ArrayList<>();
    for (String r = reader.next(); r != null; r = reader.next()) {
      actual.add(r);
    }
    assertEquals(expected, actual);
    assertEquals(null, reader.next());
  }

  private static List<String> split(byte[] b, byte delimiter) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == delimiter) {
        int end = i;
        if (delimiter == '\n' && end > start && b[end - 1] == '\r') {
          end--;
        }
        if (end > start || (delimiter == 0 && i < b.length)) {
          out.add(new String(b, start, end - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** Hands out the bytes in reads of 1 to 70,000 bytes, sizes drawn from a seed. */
  private static final class ChunkedStream extends InputStream {
    private final byte[] bytes;
    private final java.util.Random random;
    private int pos;

    ChunkedStream(byte[] bytes, int seed) {
      this.bytes = bytes;
      this.random = new java.util.Random(seed);
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == bytes.length) {
        return -1;
      }
      int max = random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(70_000);
      int n = Math.min(Math.min(len, max), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
