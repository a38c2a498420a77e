package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import org.junit.jupiter.api.Test;

/** A --watch frame's header shows the run's clock (the host's), not the JVM's. */
class WatchClockTest {
  @Test
  void theHeaderTimeIsTheHostsClock() {
    Result r = FixtureHost.runner().run("ps", "--watch", "0.1", "--count", "1");
    assertEquals(0, r.exitCode(), r.toString());
    // FixtureHost.NOW is 2026-12-05T12:00:00Z in UTC
    assertTrue(r.out().lines().anyMatch(l -> l.endsWith("2026-12-05 12:00:00")), r.out());
  }
}
