package dev.stackscope.cli.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
  private static List<String> read(byte[] bytes, boolean nul) throws IOException {
    RecordReader r = new RecordReader(new ByteArrayInputStream(bytes), nul);
    List<String> out = new ArrayList<>();
    for (String s; (s = r.next()) != null; ) {
      out.add(s);
    }
    return out;
  }

  @Test
  void linesWithCrlfBlanksAndNoFinalNewline() throws IOException {
    byte[] in = "a\r\n\nb\n\r\nc".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("a", "b", "c"), read(in, false));
  }

  @Test
  void recordsLongerThanTheBufferAndAcrossItsEdge() throws IOException {
    String longOne = "https://h/" + "x".repeat(200_000);
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String u = "https://host" + i + ".example/é" + i;
      expected.add(u);
      b.append(u).append('\n');
      if (i == 2500) {
        expected.add(longOne);
        b.append(longOne).append('\n');
      }
    }
    assertEquals(expected, read(b.toString().getBytes(StandardCharsets.UTF_8), false));
  }

  /** An endless stream of one byte, like /dev/zero; counts what was read. */
  private static final class Endless extends java.io.InputStream {
    private final byte value;
    long served;

    Endless(byte value) {
      this.value = value;
    }

    @Override
    public int read() {
      served++;
      return value & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, value);
      served += len;
      return len;
    }
  }

  @Test
  void aRecordThatNeverEndsFailsAtTheLimit() {
    // before the limit: the buffer doubled until NegativeArraySizeException or OutOfMemoryError
    Endless zeros = new Endless((byte) 0);
    RecordReader r = new RecordReader(zeros, false, 1000);
    RecordReader.RecordTooLongException e =
        assertThrows(RecordReader.RecordTooLongException.class, r::next);
    assertEquals(1, e.record());
    assertEquals("record 1 is longer than 1000 bytes (the limit)", e.getMessage());
    assertTrue(zeros.served < 100_000, "stops soon after the limit: " + zeros.served);
  }

  @Test
  void endlessEmptyRecordsFailAtTheLimitToo() {
    // /dev/zero with -0: empty records forever, which used to spin without end
    Endless zeros = new Endless((byte) 0);
    RecordReader r = new RecordReader(zeros, true, 1000);
    RecordReader.RecordTooLongException e =
        assertThrows(RecordReader.RecordTooLongException.class, r::next);
    assertTrue(
        e.getMessage().startsWith("the empty records before record 1 are longer"), e::getMessage);
  }

  @Test
  void theLimitCountsOneRecordNotTheInput() throws IOException {
    String ok = "x".repeat(1000);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      b.append(ok).append("\r\n");
    }
    RecordReader r =
        new RecordReader(
            new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)), false, 1000);
    int n = 0;
    for (String s; (s = r.next()) != null; n++) {
      assertEquals(ok, s);
    }
    assertEquals(500, n);
    RecordReader tooLong =
        new RecordReader(
            new ByteArrayInputStream(
                ("a\n" + "y".repeat(1001) + "\n").getBytes(StandardCharsets.UTF_8)),
            false,
            1000);
    assertEquals("a", tooLong.next());
    assertEquals(
        2, assertThrows(RecordReader.RecordTooLongException.class, tooLong::next).record());
  }

  @Test
  void nulRecordsKeepNewlinesAndInvalidUtf8BecomesReplacement() throws IOException {
    byte[] in = {'a', '\n', 'b', 0, 0, 'c', (byte) 0xff, 0};
    assertEquals(List.of("a\nb", "", "c\uFFFD"), read(in, true));
  }

  @Test
  void everyEmptyNulRecordIsARecordButAnEmptyTailIsNot() throws IOException {
    assertEquals(List.of("", "", "a", "", "b"), read(new byte[] {0, 0, 'a', 0, 0, 'b', 0}, true));
    assertEquals(List.of("a", ""), read(new byte[] {'a', 0, 0}, true));
    assertEquals(List.of("a", "b"), read(new byte[] {'a', 0, 'b'}, true));
    assertEquals(List.of(), read(new byte[0], true));
    // lines stay as they were: blank ones are skipped
    assertEquals(List.of("a", "b"), read("\na\n\n\r\nb\n".getBytes(StandardCharsets.UTF_8), false));
  }
}
