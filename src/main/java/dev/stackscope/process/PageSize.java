package dev.stackscope.process;

import java.lang.reflect.Field;

/** The memory page size, for converting {@code /proc} page counts to bytes. */
final class PageSize {
  private static final long DEFAULT = 4096;

  private PageSize() {}

  static long get() {
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
