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

  /** v2: the tightest limit along the path, named by the ancestor that sets it. */
  @Test
  void v2AncestorsLimitsAreTheTightest() throws IOException {
    write("cgroup.controllers", "cpu memory pids\n");
    write("memory.max", "1\n"); // the root cgroup has no limit files; one here is not believed
    write("k.slice/memory.max", "134217728\n");
    write("k.slice/cpu.max", "max 100000\n");
    write("k.slice/pids.max", "max\n");
    write("k.slice/p.slice/memory.max", "max\n");
    write("k.slice/p.slice/cpu.max", "50000 100000\n");
    write("k.slice/p.slice/c.scope/memory.max", "268435456\n");
    write("k.slice/p.slice/c.scope/memory.current", "104857600\n");
    write("k.slice/p.slice/c.scope/cpu.max", "200000 100000\n");
    write("k.slice/p.slice/c.scope/cpu.stat", "nr_periods 10\nnr_throttled 1\n");
    write("k.slice/p.slice/c.scope/pids.max", "1024\n");
    write("k.slice/p.slice/c.scope/pids.current", "7\n");
    ResourceLimits l = new CgroupLimits(root).read(Cgroups.parse("0::/k.slice/p.slice/c.scope\n"));
    assertEquals(new ResourceLimits.Usage(134217728L, 104857600, "/k.slice"), l.memory());
    assertEquals(new ResourceLimits.CpuQuota(50000L, 100000, 10, 1, "/k.slice/p.slice"), l.cpu());
    assertEquals(0.5, l.cpu().cpus());
    assertEquals(new ResourceLimits.Usage(1024L, 7, null), l.pids(), "its own, the tightest");
  }

  /** v1: each controller's hierarchy on its own; v1's "unlimited" at the top is no limit. */
  @Test
  void v1AncestorsLimitsPerController() throws IOException {
    write("memory/memory.limit_in_bytes", "9223372036854771712\n");
    write("memory/parent/memory.limit_in_bytes", "33554432\n");
    write("memory/parent/child/memory.limit_in_bytes", "9223372036854771712\n");
    write("memory/parent/child/memory.usage_in_bytes", "4096\n");
    write("cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    write("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    write("cpu,cpuacct/other/cpu.cfs_quota_us", "25000\n");
    write("cpu,cpuacct/other/cpu.cfs_period_us", "100000\n");
    write("cpu,cpuacct/other/child/cpu.cfs_quota_us", "-1\n");
    write("cpu,cpuacct/other/child/cpu.cfs_period_us", "100000\n");
    write("pids/parent/child/pids.max", "max\n");
    write("pids/parent/child/pids.current", "2\n");
    write("pids/parent/pids.max", "64\n");
    Cgroups c =
        Cgroups.parse("8:pids:/parent/child\n4:memory:/parent/child\n2:cpu,cpuacct:/other/child\n");
    ResourceLimits l = new CgroupLimits(root).read(c);
    assertEquals(new ResourceLimits.Usage(33554432L, 4096, "/parent"), l.memory());
    assertEquals(new ResourceLimits.CpuQuota(25000L, 100000, -1, -1, "/other"), l.cpu());
    assertEquals(new ResourceLimits.Usage(64L, 2, "/parent"), l.pids());
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
