package dev.stackscope.cli.process;

import dev.stackscope.output.Output;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Human formats shared by the process commands: sizes, start times, durations, percentages, and
 * command lines with their secrets masked unless --reveal.
 */
final class ProcessFormat {
  private static final String[] UNITS = {"B", "K", "M", "G", "T"};

  private ProcessFormat() {}

  /** Bytes in binary units, like ps/top: {@code 512K}, {@code 12.3M}, {@code 2.0G}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "-";
    }
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    if (u == 0) {
      return bytes + "B";
    }
    return v >= 100 || u == 1
        ? Math.round(v) + UNITS[u]
        : String.format(Locale.ROOT, "%.1f%s", v, UNITS[u]);
  }

  /** A start time like ps's START: {@code HH:MM} today, {@code MonDD} this year, else the year. */
  static String start(Instant start, Instant now, ZoneId zone) {
    if (start == null) {
      return "-";
    }
    ZonedDateTime s = start.atZone(zone);
    LocalDate today = now.atZone(zone).toLocalDate();
    if (s.toLocalDate().equals(today)) {
      return String.format(Locale.ROOT, "%02d:%02d", s.getHour(), s.getMinute());
    }
    if (s.getYear() == today.getYear()) {
      String mon = s.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT);
      return String.format(Locale.ROOT, "%s%02d", mon, s.getDayOfMonth());
    }
    return Integer.toString(s.getYear());
  }

  /** A duration like ps's ELAPSED: {@code [[dd-]hh:]mm:ss}. */
  static String elapsed(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86400;
    long h = (s / 3600) % 24;
    long m = (s / 60) % 60;
    long sec = s % 60;
    if (days > 0) {
      return String.format(Locale.ROOT, "%d-%02d:%02d:%02d", days, h, m, sec);
    }
    if (h > 0) {
      return String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, sec);
    }
    return String.format(Locale.ROOT, "%02d:%02d", m, sec);
  }

  /** A process's arguments as shown: secrets masked ({@link Secrets}) unless {@code reveal}. */
  static List<String> command(List<String> argv, boolean reveal) {
    return reveal ? argv : Secrets.maskCommandLine(argv, Output.MASK);
  }

  /** {@link ProcessInfo#commandLine()} with its secrets masked unless {@code reveal}. */
  static String commandLine(ProcessInfo p, boolean reveal) {
    if (reveal || p.command() == null || p.command().isEmpty()) {
      return p.commandLine();
    }
    return String.join(" ", Secrets.maskCommandLine(p.command(), Output.MASK));
  }

  /** One decimal, like ps's %CPU. */
  static String percent(double pct) {
    return String.format(Locale.ROOT, "%.1f", pct);
  }
}
