package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.os.Accounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketOwnerScanTest {
  /**
   * A fixture /proc with enough processes for the two-walker path; one socket shared across halves.
   */
  @Test
  void twoWalkersFindEveryOwnerAndMergeSharedSockets(@TempDir Path proc, @TempDir Path etc)
      throws Exception {
    int n = 400;
    for (int pid = 1; pid <= n; pid++) {
      Path fd = Files.createDirectories(proc.resolve(pid + "/fd"));
      Files.writeString(proc.resolve(pid + "/comm"), "p" + pid + "\n");
      Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
      Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[" + (10_000 + pid) + "]"));
    }
    // a listening socket inherited by a forked worker: pid 5 (first half) and pid 395 (second half)
    Files.createSymbolicLink(proc.resolve("5/fd/4"), Path.of("socket:[777]"));
    Files.createSymbolicLink(proc.resolve("395/fd/4"), Path.of("socket:[777]"));
    Files.createDirectories(proc.resolve("self"));

    SocketOwnerScan scan = SocketOwnerScan.scan(proc, new Accounts(etc));

    assertEquals(n + 1, scan.byInode().size());
    for (int pid = 1; pid <= n; pid++) {
      List<SocketOwner> owners = scan.owners(10_000 + pid);
      assertEquals(1, owners.size());
      assertEquals(pid, owners.get(0).pid());
      assertEquals("p" + pid, owners.get(0).process());
    }
    assertEquals(List.of(5, 395), scan.owners(777).stream().map(SocketOwner::pid).toList());
    assertEquals(List.of(), scan.owners(1));
  }
}
