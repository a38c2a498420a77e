package dev.stackscope.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one setns(2) runner: work runs inside the namespace asked for (a real {@code ip netns} made
 * here), the calling thread stays where it was, and what goes wrong is reported.
 */
class NetnsRunnerTest {
  private static final Path PROC = Path.of("/proc");

  @Test
  void workRunsInsideTheNamespaceAndTheCallerStaysOutside() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (ip netns add)");
    assumeTrue(
        new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute(),
        "iproute2's ip is absent");
    String ns = "ssrun-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    assumeTrue(run("ip", "netns", "add", ns) == 0, "cannot create a network namespace here");
    try {
      Path file = Path.of("/run/netns", ns);
      Object inode = Files.getAttribute(file, "unix:ino");
      Path mine = PROC.resolve("thread-self/ns/net");
      String before = Files.readSymbolicLink(mine).toString();

      String inside = NetnsRunner.run(file, () -> Files.readSymbolicLink(mine).toString());

      assertEquals("net:[" + inode + "]", inside);
      assertEquals(before, Files.readSymbolicLink(mine).toString(), "the caller moved");
      assertNotEquals(before, inside);
    } finally {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void ownNamespaceDoesNotDiffer() throws Exception {
    assertFalse(NetnsRunner.differs(PROC, PROC.resolve("self/ns/net")));
  }

  @Test
  void aFileThatIsNoNamespaceIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("no-such-namespace");
    IOException e = assertThrows(IOException.class, () -> NetnsRunner.run(none, () -> "ran"));
    assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    IOException e2 = assertThrows(IOException.class, () -> NetnsRunner.run(plain, () -> "ran"));
    assertTrue(
        e2.getMessage().startsWith("cannot enter the network namespace of "), e2.getMessage());
  }

  @Test
  void theWorksOwnFailureIsRethrownAsItIs() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (setns)");
    IllegalStateException failure = new IllegalStateException("inside");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                NetnsRunner.run(
                    PROC.resolve("self/ns/net"),
                    () -> {
                      throw failure;
                    }));
    assertSame(failure, e);
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
