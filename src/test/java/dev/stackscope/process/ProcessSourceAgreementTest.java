package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.os.Accounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The lean /proc reader and OSHI must tell the same story about the live system. */
class ProcessSourceAgreementTest {
  @Test
  void procfsAndOshiAgreeOnPidParentAndName() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc: not Linux");
    ProcfsProcessSource procfs = new ProcfsProcessSource(Path.of("/proc"), Accounts.system());
    List<ProcessInfo> before = procfs.snapshot();
    List<ProcessInfo> oshi = new OshiProcessSource().snapshot();
    List<ProcessInfo> lean = procfs.snapshot();
    Map<Integer, ProcessInfo> byPid =
        lean.stream().collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
    Map<Integer, ProcessInfo> earlier =
        before.stream().collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
    int compared = 0;
    for (ProcessInfo o : oshi) {
      ProcessInfo l = byPid.get(o.pid());
      ProcessInfo e = earlier.get(o.pid());
      if (l == null || e == null || !sameStart(o, l) || !stable(e, l)) {
        continue; // exited, reused, reparented or renamed while the snapshots were taken
      }
      compared++;
      assertEquals(o.ppid(), l.ppid(), "ppid of " + o.pid());
      if (!l.kernelThread()) { // a kworker's name follows the work it is doing
        assertEquals(o.name(), l.name(), "name of " + o.pid());
      }
      assertEquals(o.euid(), l.euid(), "owner of " + o.pid());
      // argv[0] only: OSHI returned a shorter argv for a python3 -c whose argument had line breaks
      if (!l.command().isEmpty() && !o.command().isEmpty()) {
        assertEquals(o.command().get(0), l.command().get(0), "argv[0] of " + o.pid());
      }
    }
    assertTrue(compared >= Math.min(oshi.size(), lean.size()) / 2, "compared only " + compared);
    ProcessInfo self = byPid.get((int) ProcessHandle.current().pid());
    assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), self.ppid());
  }

  /** The process looked the same in the /proc snapshots taken before and after OSHI's. */
  private static boolean stable(ProcessInfo before, ProcessInfo after) {
    return before.ppid() == after.ppid()
        && before.name().equals(after.name())
        && before.euid() == after.euid()
        && java.util.Objects.equals(before.command(), after.command());
  }

  private static boolean sameStart(ProcessInfo a, ProcessInfo b) {
    return a.startTime() == null
        || b.startTime() == null
        || Math.abs(a.startTime().toEpochMilli() - b.startTime().toEpochMilli()) < 2000;
  }
}
