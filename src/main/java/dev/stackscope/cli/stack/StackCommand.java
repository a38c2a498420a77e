package dev.stackscope.cli.stack;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.MapFormatOptions;
import dev.stackscope.cli.MapFormatOptions.Format;
import dev.stackscope.cli.PidArgument;
import dev.stackscope.cli.VersionProvider;
import dev.stackscope.cli.net.HiddenOwnersNote;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.fleet.HostFacts;
import dev.stackscope.output.Output;
import dev.stackscope.shell.Frame;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.RoleRuleFiles;
import dev.stackscope.stack.StackGraph;
import dev.stackscope.stack.StackMapper;
import dev.stackscope.stack.StackSampler;
import dev.stackscope.stack.note.Note;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stackscope stack}: the stack's components, their roles, exposure and connections. */
@Command(
    name = "stack",
    sortOptions = false,
    description = {
      "Show the web stack running on this host: each component's role (load balancer, web"
          + " server, app server, database, cache, queue, worker, ...), its process tree,"
          + " its listening ports and who can reach them, and the connections between"
          + " components.",
      "Roles come from the rules in roles.rules (process titles, Java main classes, program"
          + " names, and well-known ports as a low-confidence hint); each component shows"
          + " the rule and its confidence. Your own rules, in the same format, are tried first:"
          + " the --rules files, then $XDG_CONFIG_HOME/stackscope/roles.rules"
          + " (~/.config/...), then /etc/stackscope/roles.rules.",
      "Database replication is shown as a replication edge from a replica to its primary"
          + " (postgres walreceiver/walsender, redis/valkey/keydb and MySQL/MariaDB replicas),"
          + " each component's position (primary, replica of ...) and a postgres replica's lag."
    })
public final class StackCommand extends BaseCommand {
  /** Time between snapshots while sampling. */
  static final Duration SAMPLE_INTERVAL = Duration.ofMillis(200);

  @Mixin MapFormatOptions mapFormat;

  @Option(
      names = "--sample",
      paramLabel = "DURATION",
      description =
          "Poll for this long (e.g. 5s, 500ms) and merge what was seen, to catch short-lived"
              + " connections; also the CPU-use window, the growth of the kernel's"
              + " ListenOverflows/ListenDrops and the accept queues seen full. Default: one"
              + " snapshot, CPU over 200 ms; 0: one snapshot, no CPU figure.")
  String sample;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "Role rules to try before the others (repeatable; the first file given is tried"
              + " first). A malformed rule is a usage error naming FILE:LINE.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--explain-rules",
      paramLabel = "PID",
      description =
          "Show, for one process, every role rule tried and whether it matched (the first"
              + " match names the role), instead of the map.")
  String explainRules;

  @Option(
      names = "--netns",
      paramLabel = "WHICH",
      description =
          "all (default): every network namespace with a process, containers' too; current: this"
              + " process's only.")
  String netns = "all";

  @Mixin WatchOptions watch;

  /** --sample as a duration (zero: one snapshot), from {@link #validate}. */
  private Duration duration = Duration.ZERO;

  @Override
  protected void validate() {
    if (!netns.equals("all") && !netns.equals("current")) {
      throw usageError("--netns must be all or current, not '" + netns + "'");
    }
    mapFormat.validate();
    duration = Duration.ZERO;
    if (sample != null) {
      try {
        duration = DurationOption.parse(sample, DurationOption.BareUnit.SECONDS);
      } catch (IllegalArgumentException e) {
        duration = null;
      }
      if (duration == null
          || duration.isNegative()
          || duration.compareTo(Duration.ofHours(1)) > 0) {
        throw usageError(
            "--sample needs a duration up to 1h such as 5s or 500ms, not '" + sample + "'");
      }
    }
    watch.validate();
    if (explainRules != null) {
      explainPid = PidArgument.parse(explainRules);
      if (explainPid < 0) {
        throw usageError("--explain-rules needs a PID, not '" + explainRules + "'");
      }
      if (watch.enabled() || mapFormat.svg() || sample != null) {
        throw usageError("--explain-rules cannot be combined with --watch, --svg or --sample");
      }
    }
    try {
      ruleSets =
          RoleRuleFiles.load(
              host().roleRulesFile(), RoleRuleFiles.userFile(root().terminal().env()), rules);
    } catch (RoleRuleFiles.RuleFileException e) {
      throw usageError(e.getMessage());
    }
  }

  private int explainPid = -1;
  private RoleRuleFiles.Loaded ruleSets;

  @Override
  protected ExitCode execute(Output out) throws Exception {
    for (Note note : ruleSets.notes()) {
      out.note(NoteWords.of(note));
    }
    if (explainPid > 0) {
      return RuleExplanationView.show(out, snapshot(), ruleSets.sets(), explainPid);
    }
    Format fmt = mapFormat.format(out);
    String dot = mapFormat.svg() ? MapFormatOptions.dot() : null;
    if (watch.enabled()) {
      if (mapFormat.svg() || fmt == Format.DOT || fmt == Format.MERMAID) {
        throw usageError(
            "--watch shows the text or JSON view: it cannot be combined with --svg or --format "
                + fmt.name().toLowerCase(Locale.ROOT));
      }
      RoleClassifier classifier = new RoleClassifier(ruleSets.sets());
      Duration each = duration;
      return watch.run(
          out,
          o -> {
            HostSnapshot host = snapshot();
            StackMapper.Result result =
                PressureScan.scan(
                    host(), host, namespaces(host), classifier, each, sample != null, d -> {});
            notes(o, result, host);
            return Frame.of(StackView.trees(result.map()))
                .keyedBy(StackView::nodeKey)
                .json(StackJson.map(result.map()))
                .partial(!host.problems().isEmpty());
          });
    }
    HostSnapshot host = snapshot();
    StackMapper.Result result;
    try (var countdown = dev.stackscope.cli.net.PortsPressure.countdown(out, root())) {
      result =
          PressureScan.scan(
              host(),
              host,
              namespaces(host),
              new RoleClassifier(ruleSets.sets()),
              duration,
              sample != null,
              countdown);
    }
    if (dot != null) {
      MapFormatOptions.render(
          dot,
          StackGraph.dot(result.map()),
          mapFormat.svgFile(root().invocation().workingDirectory()));
    }
    switch (fmt) {
      case JSON -> out.json(StackJson.snapshot(hostFacts(), result.map()));
      case DOT -> StackGraph.dot(result.map()).lines().forEach(out::value);
      case MERMAID -> StackGraph.mermaid(result.map()).lines().forEach(out::value);
      case TEXT -> new StackView(out).render(result.map());
    }
    notes(out, result, host);
    if (!host.problems().isEmpty()) {
      return ExitCode.PARTIAL;
    }
    return ExitCode.OK;
  }

  /** This host's name, machine-id, addresses and time: the snapshot's {@code host}. */
  private HostFacts hostFacts() {
    return HostFacts.read(
        host().machineIdFile(), host().interfaces(), host().clock(), VersionProvider.version());
  }

  /** A snapshot reader of this run's host. */
  private HostSnapshot snapshot() {
    return new HostSnapshot(host().processes(), host().sockets(), host().interfaces())
        .withUnixSockets(host().unixSockets());
  }

  /** What the map is made from: this namespace's snapshot, or every namespace's (--netns all). */
  private StackSampler.Snapshot namespaces(HostSnapshot host) {
    return host().netnsStack(host, netns.equals("all"));
  }

  private void notes(Output out, StackMapper.Result result, HostSnapshot host) {
    for (Note note : result.notes()) {
      out.note(NoteWords.of(note));
    }
    for (String problem : host.problems()) {
      out.note(problem);
    }
    if (host.hiddenOwners() > 0) {
      out.note(hiddenOwnersNote(host, host().runningAsRoot()));
    }
  }

  /** Worded as {@code ports} words it: as root, the owners are hidden even from root. */
  static String hiddenOwnersNote(HostSnapshot host, boolean asRoot) {
    return HiddenOwnersNote.of(host.hiddenOwners(), host.unreadableProcesses(), asRoot);
  }
}
