package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.RegexConverter;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.output.Output;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSampler;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcessUsage;
import dev.stackscope.shell.Frame;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stackscope ps}: a table of processes with sampled CPU use. */
@Command(
    name = "ps",
    sortOptions = false,
    description = {
      "List processes: PID, PPID, USER, STATE, %%CPU, RSS, THREADS, START, COMMAND.",
      "%%CPU is the CPU time used during a short sampling interval (--interval, default 200 ms)"
          + " as a percentage of one core; with --interval 0 it is the lifetime average, as in ps."
    })
public final class PsCommand extends BaseCommand {
  /** Sort keys. */
  public enum SortKey {
    pid,
    cpu,
    mem,
    start,
    name
  }

  @Option(names = "--user", paramLabel = "USER", description = "Only this user's processes.")
  String user;

  @Option(
      names = "--match",
      paramLabel = "REGEX",
      converter = RegexConverter.class,
      description = "Only processes whose name or command line matches.")
  Pattern match;

  @Option(
      names = "--sort",
      paramLabel = "KEY",
      description =
          "Sort by ${COMPLETION-CANDIDATES} (cpu and mem: highest first; default: pid, or cpu"
              + " with --top).")
  SortKey sort;

  @Option(names = "--top", paramLabel = "N", description = "Only the first N rows.")
  Integer top;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "200ms",
      converter = DurationOption.Millis.class,
      description =
          "CPU sampling interval: 200ms, 1s; a bare number is milliseconds (0: lifetime average;"
              + " at most 60s; default ${DEFAULT-VALUE}).")
  Duration interval;

  /** One row of {@code ps --json}. */
  record PsRow(
      int pid,
      int ppid,
      String user,
      String state,
      double cpuPercent,
      long rss,
      int threads,
      Instant startTime,
      String name,
      List<String> command) {}

  @Mixin WatchOptions watch;

  @Override
  protected void validate() {
    if (top != null && top <= 0) {
      throw usageError("--top needs a positive number, not " + top);
    }
    if (interval.isNegative() || interval.toMillis() > 60_000) {
      throw usageError("--interval must be between 0 and 60000 ms, not " + interval.toMillis());
    }
    watch.validate();
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    Pattern pattern = match;
    Pattern filter = pattern;
    if (watch.enabled()) {
      return watch.run(
          out,
          o -> {
            List<ProcessUsage> rows = scan(filter);
            return Frame.of(table(rows)).keyedBy(0).json(json(rows));
          });
    }
    List<ProcessUsage> rows = scan(filter);
    // decided before the text/JSON branch: --json never changes the exit code
    if (rows.isEmpty() && (user != null || pattern != null)) {
      throw CommandException.failure(noMatch());
    }
    if (out.json()) {
      out.json(json(rows));
    } else {
      out.table(table(rows));
    }
    return ExitCode.OK;
  }

  /** Why nothing was selected: like tree's messages, naming the filters that were given. */
  private String noMatch() {
    if (match == null) {
      return "no processes of user '" + user + "'";
    }
    return user == null
        ? "no process matches " + match
        : "no process of user '" + user + "' matches " + match;
  }

  /** The processes the options select, sampled, sorted and cut to --top. */
  private List<ProcessUsage> scan(Pattern pattern) throws InterruptedException {
    ProcessSource source = host().processes();
    List<ProcessUsage> all =
        ProcessSampler.sleeping(source, host().clock())
            .sample(new ProcessFields(true, true, false), interval);
    int self = (int) root().invocation().selfPid();
    List<ProcessUsage> rows = new ArrayList<>(all.size());
    for (ProcessUsage u : all) {
      ProcessInfo p = u.process();
      if (user != null && !user.equals(p.user())) {
        continue;
      }
      if (pattern != null
          && (p.pid() == self
              || !(pattern.matcher(p.name()).find()
                  // what is shown, masked unless --reveal: matching must not probe secrets
                  || pattern.matcher(ProcessFormat.commandLine(p, global().reveal())).find()))) {
        continue;
      }
      rows.add(u);
    }
    SortKey key = sort != null ? sort : (top != null ? SortKey.cpu : SortKey.pid);
    rows.sort(PsOrder.comparator(key));
    if (top != null && rows.size() > top) {
      rows = rows.subList(0, top);
    }
    return rows;
  }

  private List<PsRow> json(List<ProcessUsage> rows) {
    List<PsRow> json = new ArrayList<>(rows.size());
    for (ProcessUsage u : rows) {
      ProcessInfo p = u.process();
      json.add(
          new PsRow(
              p.pid(),
              p.ppid(),
              p.user(),
              p.state(),
              Math.round(u.cpuPercent() * 10) / 10.0,
              p.rss(),
              p.threads(),
              p.startTime(),
              p.name(),
              ProcessFormat.command(p.command(), global().reveal())));
    }
    return json;
  }

  private Table table(List<ProcessUsage> rows) {
    Table table =
        Table.of(
            Column.number("PID"),
            Column.number("PPID"),
            Column.text("USER"),
            Column.text("STATE"),
            Column.number("%CPU"),
            Column.number("RSS"),
            Column.number("THREADS"),
            Column.text("START"),
            Column.flexible("COMMAND"));
    Instant now = host().clock().instant();
    ZoneId zone = host().clock().getZone();
    for (ProcessUsage u : rows) {
      ProcessInfo p = u.process();
      table.row(
          p.pid(),
          p.ppid(),
          p.user(),
          p.state(),
          ProcessFormat.percent(u.cpuPercent()),
          ProcessFormat.bytes(p.rss()),
          p.threads(),
          ProcessFormat.start(p.startTime(), now, zone),
          Text.of(ProcessFormat.commandLine(p, global().reveal())));
    }
    return table;
  }
}
