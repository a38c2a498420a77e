package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageSizeTest {
  /** An auxiliary vector of (key, value) words ended by key 0, in the given word size and order. */
  static byte[] auxv(int wordSize, ByteOrder order, long... pairs) {
    ByteBuffer b = ByteBuffer.allocate((pairs.length + 2) * wordSize).order(order);
    for (long v : pairs) {
      if (wordSize == 8) {
        b.putLong(v);
      } else {
        b.putInt((int) v);
      }
    }
    return b.array(); // the trailing zero words are AT_NULL
  }

  @Test
  void findsAtPageszIn64BitLittleEndianVectors() {
    byte[] v =
        auxv(8, ByteOrder.LITTLE_ENDIAN, 33, 0x7ffd1234L, 16, 0xbfebfbffL, 6, 65536, 17, 100);
    assertEquals(65536, PageSize.fromAuxv(v, v.length, 8, true));
  }

  @Test
  void findsAtPageszIn32BitBigEndianVectors() {
    byte[] v = auxv(4, ByteOrder.BIG_ENDIAN, 16, 0x1234, 6, 4096);
    assertEquals(4096, PageSize.fromAuxv(v, v.length, 4, false));
  }

  @Test
  void stopsAtTheEndMarkerAndAtTheEndOfTheBytes() {
    byte[] none = auxv(8, ByteOrder.LITTLE_ENDIAN, 33, 1, 0, 0, 6, 4096);
    assertEquals(-1, PageSize.fromAuxv(none, none.length, 8, true));
    byte[] cut = auxv(8, ByteOrder.LITTLE_ENDIAN, 33, 1, 6, 4096);
    assertEquals(-1, PageSize.fromAuxv(cut, 20, 8, true)); // the pair with AT_PAGESZ is cut off
  }

  @Test
  void agreesWithGetconf() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("getconf", "PAGESIZE").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "getconf is absent: " + e.getMessage());
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assumeTrue(p.waitFor() == 0, "getconf PAGESIZE failed");
    assertEquals(Long.parseLong(out.toString(StandardCharsets.US_ASCII).trim()), PageSize.get());
  }
}
