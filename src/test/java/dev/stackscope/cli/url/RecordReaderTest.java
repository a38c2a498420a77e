package dev.stackscope.cli.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void nulRecordsKeepNewlinesAndInvalidUtf8BecomesReplacement() throws IOException {
    byte[] in = {'a', '\n', 'b', 0, 0, 'c', (byte) 0xff, 0};
    assertEquals(List.of("a\nb", "c\uFFFD"), read(in, true));
  }
}
