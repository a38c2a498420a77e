package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.os.Accounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc reader on a fixture tree. */
class ProcfsProcessSourceTest {
  @TempDir Path proc;
  @TempDir Path etc;

  void process(int pid, String stat, String status, String cmdline) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(dir.resolve("stat"), stat);
    if (status != null) {
      Files.writeString(dir.resolve("status"), status);
    }
    if (cmdline != null) {
      Files.writeString(dir.resolve("cmdline"), cmdline);
    }
  }

  ProcfsProcessSource source() throws Exception {
    Files.writeString(
        etc.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/:/bin/sh\n");
    Files.writeString(proc.resolve("stat"), "cpu 1 2 3\nbtime 1764200000\n");
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("sys"));
    return new ProcfsProcessSource(proc, new Accounts(etc), 4096);
  }

  @Test
  void readsFixtureProcessesAndSkipsTheBroken() throws Exception {
    process(
        2,
        ProcfsParserTest.fixture("stat-kthreadd.txt"),
        ProcfsParserTest.fixture("status-kthread.txt"),
        "");
    process(
        1321,
        ProcfsParserTest.fixture("stat-sd-pam.txt"),
        "Name:\t(sd-pam)\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n",
        "(sd-pam)\0");
    process(
        4242,
        ProcfsParserTest.fixture("stat-parens.txt"),
        ProcfsParserTest.fixture("status-trap.txt"),
        "a) b (c\0--flag\0");
    process(77, "garbage", null, null); // unparsable: skipped, not fatal
    Files.createDirectories(proc.resolve("88")); // exited between listing and reading
    ProcfsProcessSource source = source();

    List<ProcessInfo> basic = source.snapshot(ProcessFields.BASIC);
    assertEquals(List.of(2, 1321, 4242), basic.stream().map(ProcessInfo::pid).toList());
    ProcessInfo k = basic.get(0);
    assertTrue(k.kernelThread());
    assertNull(k.command());
    assertNull(k.user());
    assertEquals(Instant.ofEpochSecond(1764200000).plusMillis(180), k.startTime());

    List<ProcessInfo> all = source.snapshot(ProcessFields.ALL);
    ProcessInfo pam = all.get(1);
    assertEquals("(sd-pam)", pam.name());
    assertEquals("alice", pam.user());
    assertEquals(List.of("(sd-pam)"), pam.command());
    assertEquals(1129L * 4096, pam.rss());
    ProcessInfo odd = all.get(2);
    assertEquals("a) b (c", odd.name());
    assertEquals(List.of("a) b (c", "--flag"), odd.command());
    assertEquals(1000, odd.uid());
    assertEquals(0, odd.euid());
    assertEquals("root", odd.user());
    assertEquals(3250, odd.cpuTimeMillis());
    assertEquals(List.of(), all.get(0).command());
    assertEquals("[kthreadd]", all.get(0).commandLine());
    assertTrue(source.process(77).isEmpty());
    assertEquals(4242, source.process(4242).orElseThrow().pid());
  }

  @Test
  void threadsByTid() throws Exception {
    process(50, "50 (app) S 1 50 50 0 -1 0 0 0 0 0 0 0 0 0 20 0 2 0 100 0 0 0", null, null);
    for (String[] t : new String[][] {{"52", "worker"}, {"50", "app"}, {"51", "gc"}}) {
      Path dir = Files.createDirectories(proc.resolve("50/task/" + t[0]));
      Files.writeString(dir.resolve("comm"), t[1] + "\n");
    }
    assertEquals(
        List.of(
            new ProcessThread(50, "app"),
            new ProcessThread(51, "gc"),
            new ProcessThread(52, "worker")),
        source().threads(50));
    assertEquals(List.of(), source().threads(51));
  }
}
