package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.stackscope.host.Host;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The warm server's runs: host sources of their own, built per run. */
class ServedCommandsTest {
  @Test
  void eachServedRunGetsItsOwnHostAndNetlinkReader() {
    ServedCommands served = new ServedCommands();
    Host a = served.host();
    Host b = served.host();
    assertNotSame(a, b);
    assertNotSame(a.tcpDiag(), b.tcpDiag(), "concurrent runs share no netlink buffers");
    assertEquals(Path.of("/proc"), a.proc(), "the live machine");
  }
}
