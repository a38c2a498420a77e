package dev.stackscope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host a run reads: passed in, one per run, never reached for. */
class HostTest {
  @Test
  void signalGoesToTheRunsSenderOnly() {
    FixtureHost.RecordingSignals signals = new FixtureHost.RecordingSignals();
    Result r =
        new dev.stackscope.testing.CliRunner()
            .host(FixtureHost.host(signals))
            .invocation(FixtureHost.invocation())
            .run("signal", "500", "TERM");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("500 15"), signals.sent);
  }

  @Test
  void aUsageErrorSendsNothing() {
    FixtureHost.RecordingSignals signals = new FixtureHost.RecordingSignals();
    Result r =
        new dev.stackscope.testing.CliRunner()
            .host(FixtureHost.host(signals))
            .run("signal", "500", "NOSUCHSIGNAL");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(List.of(), signals.sent);
  }

  @Test
  void eachLiveHostHasItsOwnNetlinkReaderOffUntilTurnedOn() {
    Host a = Host.live();
    Host b = Host.live();
    assertNotSame(a.tcpDiag(), b.tcpDiag(), "no netlink state shared between runs");
    assertFalse(a.tcpDiag().enabled(), "a fresh JVM reads /proc/net: JNA costs more than it saves");
  }

  @Test
  void sourcesAreMadeOncePerHost() {
    Host h = FixtureHost.host();
    assertSame(h.processes(), h.processes());
    assertSame(h.sockets(), h.sockets());
    assertSame(h.accounts(), h.accounts());
    assertEquals(FixtureHost.root().resolve("etc/hosts"), h.hostsFile());
  }
}
