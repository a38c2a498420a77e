package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits against use from cgroup v2, v1 and hybrid trees. */
class CgroupLimitsTest {
  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** A hybrid machine (this kind of CI machine): v1 controllers, v2 at unified/ with PSI only. */
  @Test
  void v1ControllersWithPressureFromUnified() throws IOException {
    String path = "/docker/abc";
    write("memory/docker/abc/memory.limit_in_bytes", "67108864\n");
    write("memory/docker/abc/memory.usage_in_bytes", "274432\n");
    write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n");
    write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
    write("cpu,cpuacct/docker/abc/cpu.stat", "nr_periods 10\nnr_throttled 5\nthrottled_time 1\n");
    write("pids/docker/abc/pids.max", "max\n");
    write("pids/docker/abc/pids.current", "3\n");
    write("unified/docker/abc/cpu.pressure", "some avg10=0.50 avg60=0.25 avg300=0.00 total=9\n");
    Cgroups c =
        Cgroups.parse(
            "8:pids:" + path + "\n4:memory:" + path + "\n2:cpu,cpuacct:" + path + "\n0::" + path);
    ResourceLimits l = new CgroupLimits(root).read(c);
    assertEquals(new ResourceLimits.Usage(67108864L, 274432), l.memory());
    assertEquals(new ResourceLimits.CpuQuota(null, 100000, 10, 5), l.cpu());
    assertEquals(50, l.cpu().throttledPercent());
    assertEquals(new ResourceLimits.Usage(null, 3), l.pids());
    assertEquals(new ResourceLimits.Pressure(0.5, 0.25, null, null), l.pressure().get("cpu"));
  }

  @Test
  void v2AtTheRootAndV1Unlimited() throws IOException {
    write("cgroup.controllers", "cpu memory pids\n");
    write("a.slice/memory.max", "max\n");
    write("a.slice/memory.current", "100\n");
    write("a.slice/cpu.max", "150000 100000\n");
    ResourceLimits l = new CgroupLimits(root).read(Cgroups.parse("0::/a.slice\n"));
    assertEquals(new ResourceLimits.Usage(null, 100), l.memory());
    assertEquals(1.5, l.cpu().cpus());
    assertNull(l.pids());
    assertNull(CgroupLimits.limit("9223372036854771712"), "v1's page-aligned 'unlimited'");
  }

  @Test
  void aPathThatWouldLeaveTheRootIsNotRead() throws IOException {
    write("cgroup.controllers", "memory\n");
    Files.writeString(root.getParent().resolve("memory.max"), "5\n");
    try {
      assertEquals(ResourceLimits.NONE, new CgroupLimits(root).read(Cgroups.parse("0::/..\n")));
    } finally {
      Files.delete(root.getParent().resolve("memory.max"));
    }
  }

  @Test
  void parsers() {
    assertArrayEquals(new long[] {-1, 100000}, CgroupLimits.parseCpuMax("max 100000\n"));
    assertNull(CgroupLimits.parseCpuMax("max"));
    assertNull(CgroupLimits.parseCpuMax("-5 100000"));
    assertArrayEquals(new long[] {-1, -1}, CgroupLimits.parseCpuStat("usage_usec 1\n"));
    assertNull(CgroupLimits.parsePressure("full avg10=0.00 avg60=0.00\n"));
    assertNull(CgroupLimits.parsePressure("some avg10=NaN avg60=0.00\n"));
    assertEquals(-1, CgroupLimits.number("99999999999999999999"));
  }
}
