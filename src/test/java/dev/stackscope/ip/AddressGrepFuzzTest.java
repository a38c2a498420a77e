package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target for {@code ip --grep}'s scanner (docs/fuzzing.md). Without JAZZER_FUZZ it replays
 * {@code AddressGrepFuzzTestInputs/grep/}.
 */
class AddressGrepFuzzTest {
  /**
   * For any line: every find lies within the line, finds do not overlap and come in order, the
   * bytes at a find's column parse (with {@code ip}'s strict parser) to the address reported, and
   * the bytes around it are no letter, digit or '_'. An address put between spaces into the line is
   * found, at its column.
   */
  @FuzzTest
  void grep(FuzzedDataProvider data) {
    String noise = data.consumeString(400).replace('\n', ' ');
    boolean v4 = data.consumeBoolean();
    IpAddress planted =
        v4
            ? IpAddress.v4(data.consumeInt() & 0xFFFF_FFFFL)
            : IpAddress.v6(data.consumeLong(), data.consumeLong());
    String line = noise + " " + planted + " " + data.consumeRemainingAsString().replace('\n', ' ');
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    List<AddressGrep.Hit> hits = AddressGrep.find(line);
    int end = 0;
    boolean plantedFound = false;
    int plantedColumn = noise.getBytes(StandardCharsets.UTF_8).length + 2;
    for (AddressGrep.Hit h : hits) {
      int from = h.column() - 1;
      int to = from + h.length();
      assertTrue(from >= end && to <= b.length && h.length() > 0, "in order, in the line: " + h);
      end = to;
      String text = new String(b, from, h.length(), StandardCharsets.ISO_8859_1);
      assertEquals(h.address(), AddressParser.parse(text), "the text at the column: " + text);
      assertTrue(from == 0 || !wordByte(b[from - 1]), "free before: " + line);
      assertTrue(to == b.length || !wordByte(b[to]), "free after: " + line);
      plantedFound |= h.column() == plantedColumn && h.address().equals(planted);
    }
    boolean unspecifiedV6 = !v4 && planted.hi() == 0 && planted.lo() == 0;
    assertTrue(plantedFound || unspecifiedV6, "planted " + planted + " in " + line + ": " + hits);
  }

  private static boolean wordByte(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
