package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.RegexConverter;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.container.ContainerInfo;
import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.container.ProcessIdentities.Identity;
import dev.stackscope.os.NetworkNamespace;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stackscope ps}: a table of processes with sampled CPU use. */
@Command(
    name = "ps",
    sortOptions = false,
    description = {
      "List processes: PID, PPID, USER, STATE, %%CPU, RSS, THREADS, START, COMMAND; UNIT (the"
          + " systemd unit) and CONTAINER (name, or id) when any listed process has one.",
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

  @Option(
      names = "--unit",
      paramLabel = "NAME",
      description = "Only processes of this systemd unit (nginx.service; nginx for a service).")
  String unit;

  @Option(
      names = "--container",
      paramLabel = "NAME|ID",
      description = "Only processes of this container (its name, or its id or a prefix of it).")
  String container;

  @Option(names = "--units", description = "Show the UNIT column even when no process has one.")
  boolean units;

  @Option(
      names = "--containers",
      description = "Show the CONTAINER column even when no process has one.")
  boolean containers;

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
      List<String> command,
      String unit,
      String slice,
      ContainerInfo container,
      NetworkNamespace netns) {}

  /** The rows shown and the identities (unit, container) of those that have one. */
  private record Rows(List<ProcessUsage> rows, Map<Integer, Identity> identities) {}

  @Mixin WatchOptions watch;

  @Override
  protected void validate() {
    if (top != null && top <= 0) {
      throw usageError("--top needs a positive number, not " + top);
    }
    if (interval.isNegative() || interval.toMillis() > 60_000) {
      throw usageError("--interval must be between 0 and 60000 ms, not " + interval.toMillis());
    }
    if (unit != null && (unit.isEmpty() || unit.length() > 256)) {
      throw usageError("--unit needs a unit name of 1 to 256 characters");
    }
    if (container != null && (container.isEmpty() || container.length() > 256)) {
      throw usageError("--container needs a container name or id of 1 to 256 characters");
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
            Rows rows = scan(filter);
            return Frame.of(table(rows)).keyedBy(0).json(json(rows));
          });
    }
    Rows rows = scan(filter);
    // decided before the text/JSON branch: --json never changes the exit code
    if (rows.rows().isEmpty()
        && (user != null || pattern != null || unit != null || container != null)) {
      throw CommandException.failure(noMatch());
    }
    if (out.json()) {
      out.json(json(rows));
    } else {
      out.table(table(rows));
    }
    IdentityNotes.note(out, host().identities(), host().runningAsRoot());
    return ExitCode.OK;
  }

  /** Why nothing was selected: like tree's messages, naming the filters that were given. */
  private String noMatch() {
    if (unit != null || container != null) {
      return "no process"
          + (unit != null ? " of unit '" + unit + "'" : "")
          + (container != null ? " in container '" + container + "'" : "")
          + (user != null ? " of user '" + user + "'" : "")
          + (match != null ? " matches " + match : "");
    }
    if (match == null) {
      return "no processes of user '" + user + "'";
    }
    return user == null
        ? "no process matches " + match
        : "no process of user '" + user + "' matches " + match;
  }

  /** The processes the options select, sampled, sorted and cut to --top. */
  private Rows scan(Pattern pattern) throws InterruptedException {
    ProcessSource source = host().processes();
    List<ProcessUsage> all =
        ProcessSampler.sleeping(source, host().clock())
            .sample(new ProcessFields(true, true, false), interval);
    int self = (int) root().invocation().selfPid();
    List<ProcessUsage> rows = new ArrayList<>(all.size());
    ProcessIdentities ids = host().identities();
    Map<Integer, Identity> identities = new HashMap<>();
    boolean byIdentity = unit != null || container != null;
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
      if (byIdentity) {
        Identity id = ids.identity(p.pid());
        if (!IdentityFilter.matches(id, unit, container)) {
          continue;
        }
        identities.put(p.pid(), id);
      }
      rows.add(u);
    }
    SortKey key = sort != null ? sort : (top != null ? SortKey.cpu : SortKey.pid);
    rows.sort(PsOrder.comparator(key));
    if (top != null && rows.size() > top) {
      rows = rows.subList(0, top);
    }
    if (!byIdentity) {
      // only the rows shown: one more small read per process
      for (ProcessUsage u : rows) {
        Identity id = ids.identity(u.process().pid());
        if (id != Identity.NONE) {
          identities.put(u.process().pid(), id);
        }
      }
    }
    return new Rows(rows, identities);
  }

  private List<PsRow> json(Rows shown) {
    List<PsRow> json = new ArrayList<>(shown.rows().size());
    ProcessIdentities ids = host().identities();
    for (ProcessUsage u : shown.rows()) {
      ProcessInfo p = u.process();
      Identity id = shown.identities().getOrDefault(p.pid(), Identity.NONE);
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
              ProcessFormat.command(p.command(), global().reveal()),
              id.unit(),
              id.slice(),
              id.container(),
              ids.netns(p.pid(), id)));
    }
    return json;
  }

  private Table table(Rows shown) {
    boolean unitColumn = units || unit != null;
    boolean containerColumn = containers || container != null;
    for (Identity id : shown.identities().values()) {
      unitColumn |= id.unit() != null;
      containerColumn |= id.container() != null;
    }
    List<Column> columns =
        new ArrayList<>(
            List.of(
                Column.number("PID"),
                Column.number("PPID"),
                Column.text("USER"),
                Column.text("STATE"),
                Column.number("%CPU"),
                Column.number("RSS"),
                Column.number("THREADS"),
                Column.text("START")));
    if (unitColumn) {
      columns.add(Column.text("UNIT"));
    }
    if (containerColumn) {
      columns.add(Column.text("CONTAINER"));
    }
    columns.add(Column.flexible("COMMAND"));
    Table table = Table.of(columns.toArray(new Column[0]));
    Instant now = host().clock().instant();
    ZoneId zone = host().clock().getZone();
    List<Object> cells = new ArrayList<>(columns.size());
    for (ProcessUsage u : shown.rows()) {
      ProcessInfo p = u.process();
      Identity id = shown.identities().getOrDefault(p.pid(), Identity.NONE);
      cells.clear();
      cells.addAll(
          Arrays.asList(
              p.pid(),
              p.ppid(),
              p.user(),
              p.state(),
              ProcessFormat.percent(u.cpuPercent()),
              ProcessFormat.bytes(p.rss()),
              p.threads(),
              ProcessFormat.start(p.startTime(), now, zone)));
      if (unitColumn) {
        cells.add(id.unit() == null ? "-" : IdentityText.unit(id.unit()));
      }
      if (containerColumn) {
        cells.add(id.container() == null ? "-" : id.container().label());
      }
      cells.add(Text.of(ProcessFormat.commandLine(p, global().reveal())));
      table.row(cells.toArray());
    }
    return table;
  }
}
