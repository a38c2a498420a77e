package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorHeadroomTest {
  private static final String LIMITS =
      "Limit                     Soft Limit           Hard Limit           Units     \n"
          + "Max cpu time              unlimited            unlimited            seconds   \n"
          + "Max stack size            8388608              unlimited            bytes     \n"
          + "Max open files            1024                 1048576              files     \n"
          + "Max address space         18446744073709551615 unlimited            bytes     \n"
          + "Max nice priority         0                    0                    \n";

  @Test
  void parsesTheKernelsTable() {
    Map<String, ProcLimits.Limit> limits = ProcLimits.parse(LIMITS);
    assertEquals(new ProcLimits.Limit(1024L, 1048576L, "files"), limits.get("Max open files"));
    assertEquals(new ProcLimits.Limit(8388608L, null, "bytes"), limits.get("Max stack size"));
    assertEquals(new ProcLimits.Limit(null, null, "seconds"), limits.get("Max cpu time"));
    assertEquals(new ProcLimits.Limit(0L, 0L, null), limits.get("Max nice priority"), "no unit");
    assertNull(limits.get("Max address space").soft(), "RLIM_INFINITY written as a number");
    assertFalse(limits.containsKey("Limit"), "the header is no limit");
  }

  @Test
  void flaggedFromEightyPercentOfTheSoftLimit() {
    assertTrue(new DescriptorHeadroom(60, 64L, 64L).nearLimit());
    assertEquals(93, new DescriptorHeadroom(60, 64L, 64L).percent());
    assertTrue(new DescriptorHeadroom(80, 100L, 4096L).nearLimit());
    assertFalse(new DescriptorHeadroom(79, 100L, 4096L).nearLimit());
    assertFalse(new DescriptorHeadroom(5000, null, null).nearLimit(), "unlimited");
    assertNull(new DescriptorHeadroom(5, null, null).percent());
  }
}
