package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;

/**
 * Fuzz target for {@code /proc/PID/cgroup} (lines and path forms) and the cgroup limit files
 * (docs/fuzzing.md). Without JAZZER_FUZZ it replays {@code CgroupFuzzTestInputs/cgroups/}.
 */
class CgroupFuzzTest {
  /**
   * Arbitrary text: no exception; every path starts with {@code /}; at most {@link
   * Cgroups#MAX_LINES} hierarchies; a unit is one path part ending in {@code .service} or {@code
   * .scope}, a slice one ending in {@code .slice}; a container id is one non-empty path part, hex
   * for the runtimes with hex ids. A docker scope line written first, before any text, gives back
   * its id. The limit files' parsers: no exception, pressure within 0–100 %, quota and period ≥ 0.
   */
  @FuzzTest
  void cgroups(FuzzedDataProvider data) {
    String id = HexFormat.of().formatHex(data.consumeBytes(32));
    boolean withLine = id.length() >= 12 && data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    check(text);
    if (withLine) {
      String line = "0::/system.slice/docker-" + id + ".scope\n";
      Cgroups c = check(line + text);
      ContainerRef ref = CgroupPaths.placement(c).container();
      assertEquals(new ContainerRef(Runtime.DOCKER, id, null), ref, line);
      if (c.systemd() == null) {
        assertEquals("docker-" + id + ".scope", CgroupPaths.placement(c).unit());
      }
    }
    limits(text);
  }

  private static Cgroups check(String text) {
    Cgroups c = Cgroups.parse(text);
    assertTrue(c.v1().size() <= Cgroups.MAX_LINES);
    for (String p : c.paths()) {
      assertTrue(p.startsWith("/"), p);
      assertFalse(p.contains("\n"), p);
    }
    Placement pl = CgroupPaths.placement(c);
    if (pl.unit() != null) {
      assertFalse(pl.unit().contains("/"), pl.unit());
      assertTrue(pl.unit().endsWith(".service") || pl.unit().endsWith(".scope"), pl.unit());
    }
    if (pl.slice() != null) {
      assertTrue(pl.slice().endsWith(".slice") && !pl.slice().contains("/"), pl.slice());
    }
    ContainerRef ref = pl.container();
    if (ref != null) {
      assertFalse(ref.id().isEmpty() || ref.id().contains("/"), ref.toString());
      if (ref.runtime() != Runtime.LXC && ref.runtime() != Runtime.NSPAWN) {
        assertTrue(CgroupPaths.isHex(ref.id()), ref.toString());
      }
      assertTrue(ref.podUid() == null || !ref.podUid().contains("/"), ref.toString());
    }
    return c;
  }

  private static void limits(String text) {
    CgroupLimits.limit(text);
    long[] qp = CgroupLimits.parseCpuMax(text);
    if (qp != null) {
      assertTrue(qp[1] > 0 && qp[0] >= -1, text);
    }
    long[] st = CgroupLimits.parseCpuStat(text);
    assertTrue(st[0] >= -1 && st[1] >= -1);
    ResourceLimits.Pressure p = CgroupLimits.parsePressure(text);
    if (p != null) {
      for (Double v : new Double[] {p.some10(), p.some60(), p.full10(), p.full60()}) {
        assertTrue(v == null || (v >= 0 && v <= 100), p.toString());
      }
    }
  }
}
