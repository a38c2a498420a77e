package dev.stackscope.process;

import dev.stackscope.os.FileBytes;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * The memory page size, for converting {@code /proc} page counts to bytes: the {@code AT_PAGESZ}
 * entry of {@code /proc/self/auxv} (a read of a few hundred bytes), else {@code Unsafe.pageSize()}
 * by reflection (which costs tens of milliseconds in a JVM that has just started), else 4096.
 */
final class PageSize {
  private static final long DEFAULT = 4096;

  /** The auxiliary vector's key for the page size (elf.h). */
  static final long AT_PAGESZ = 6;

  private PageSize() {}

  static long get() {
    FileBytes auxv = new FileBytes(1024);
    if (auxv.read("/proc/self/auxv")) {
      int word = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
      long size =
          fromAuxv(
              auxv.bytes(),
              auxv.length(),
              word,
              ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
      if (size > 0) {
        return size;
      }
    }
    return fromUnsafe();
  }

  /**
   * The page size in an auxiliary vector ({@code length} bytes of key/value word pairs, ended by
   * key 0), or -1 when it has none.
   */
  static long fromAuxv(byte[] b, int length, int wordSize, boolean littleEndian) {
    for (int at = 0; at + 2 * wordSize <= length; at += 2 * wordSize) {
      long key = word(b, at, wordSize, littleEndian);
      if (key == 0) {
        return -1;
      }
      if (key == AT_PAGESZ) {
        return word(b, at + wordSize, wordSize, littleEndian);
      }
    }
    return -1;
  }

  private static long word(byte[] b, int at, int size, boolean littleEndian) {
    long v = 0;
    for (int i = 0; i < size; i++) {
      int index = littleEndian ? at + size - 1 - i : at + i;
      v = (v << 8) | (b[index] & 0xff);
    }
    return v;
  }

  private static long fromUnsafe() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      return ((Number) unsafeClass.getMethod("pageSize").invoke(unsafe)).longValue();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return DEFAULT;
    }
  }
}
