package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  static ProcessInfo proc(int pid, long cpuMillis, Instant start) {
    return new ProcessInfo(
        pid, 1, pid, pid, 0, "p" + pid, "S", List.of(), null, 0, 0, 0, 0, "root", start, 1, 0, 0,
        cpuMillis, 0, false);
  }

  /** A source that returns prepared snapshots in turn. */
  static final class Scripted implements ProcessSource {
    final Deque<List<ProcessInfo>> snapshots = new ArrayDeque<>();

    @Override
    public List<ProcessInfo> snapshot(ProcessFields fields) {
      return snapshots.removeFirst();
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
      return Optional.empty();
    }

    @Override
    public List<ProcessThread> threads(int pid) {
      return List.of();
    }
  }

  @Test
  void cpuOverTheIntervalAndLifetimeForNewcomers() throws Exception {
    Instant boot = Instant.parse("2026-01-01T00:00:00Z");
    Instant[] now = {boot.plusSeconds(100)};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    Scripted source = new Scripted();
    source.snapshots.add(List.of(proc(10, 1000, boot), proc(11, 0, boot), proc(12, 5, boot)));
    // 12 exited and its PID was reused by a process started 50 s ago
    source.snapshots.add(
        List.of(proc(10, 1500, boot), proc(11, 0, boot), proc(12, 10_000, boot.plusSeconds(51))));
    ProcessSampler sampler = new ProcessSampler(source, clock, d -> now[0] = now[0].plus(d));
    List<ProcessUsage> usage = sampler.sample(ProcessFields.BASIC, Duration.ofSeconds(1));
    assertEquals(50.0, usage.get(0).cpuPercent(), 1e-9);
    assertEquals(0.0, usage.get(1).cpuPercent(), 1e-9);
    assertEquals(20.0, usage.get(2).cpuPercent(), 1e-9); // 10 s of CPU in 50 s of life
  }
}
