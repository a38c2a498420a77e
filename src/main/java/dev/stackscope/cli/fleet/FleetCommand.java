package dev.stackscope.cli.fleet;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.MapFormatOptions;
import dev.stackscope.fleet.FleetGraph;
import dev.stackscope.fleet.FleetMap;
import dev.stackscope.fleet.FleetMerger;
import dev.stackscope.fleet.FleetPage;
import dev.stackscope.fleet.Snapshot;
import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope fleet SNAPSHOT...}: one map of several hosts' stacks. */
@Command(
    name = "fleet",
    sortOptions = false,
    description = {
      "Join several hosts' snapshots (stack --json, one per host: collected with"
          + " deploy/ansible/stackscope-snapshot.yml) into one map: each component keyed by its"
          + " host (nginx@web1), and each connection to another host's address joined to the"
          + " component of that host listening there (0.0.0.0 and :: listen on all of its"
          + " addresses). What no snapshot serves stays an external endpoint.",
      "SNAPSHOT is a file, a directory (its *.json files) or - for standard input. A file that is"
          + " not a stackscope snapshot, of another schema version, or of a machine already read"
          + " (same machine-id) is a usage error (exit 2) naming the file."
    })
public final class FleetCommand extends BaseCommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "SNAPSHOT",
      description = "Snapshot files or directories.")
  List<String> snapshots = new ArrayList<>();

  @Mixin MapFormatOptions mapFormat;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the map to FILE as one self-contained HTML page (no network needed):"
              + " hover a component for its details, filter by role and by host.")
  Path html;

  @Override
  protected void validate() {
    mapFormat.validate();
    if (snapshots.stream().filter("-"::equals).count() > 1) {
      throw usageError("- (standard input) can be given only once");
    }
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    String dot = mapFormat.svg() ? MapFormatOptions.dot() : null;
    FleetMap map;
    try (ProgressLine line = ProgressLine.forRun(out.stderr(), root().terminal())) {
      List<Snapshot> read = SnapshotArguments.read(snapshots, root().invocation(), line);
      line.show("fleet: joining " + read.size() + " snapshots into one map…");
      map = FleetMerger.merge(read);
    }
    Path cwd = root().invocation().workingDirectory();
    if (dot != null) {
      MapFormatOptions.render(dot, FleetGraph.dot(map), mapFormat.svgFile(cwd));
    }
    if (html != null) {
      Path file = cwd.resolve(html);
      try {
        Files.writeString(file, FleetPage.html(map), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CommandException.failure("cannot write --html '" + html + "': " + reason(e));
      }
    }
    switch (mapFormat.format(out)) {
      case JSON -> out.json(map);
      case DOT -> FleetGraph.dot(map).lines().forEach(out::value);
      case MERMAID -> FleetGraph.mermaid(map).lines().forEach(out::value);
      case TEXT -> new FleetView(out).render(map);
    }
    return ExitCode.OK;
  }

  private static String reason(IOException e) {
    return dev.stackscope.os.InputFile.reason(e);
  }
}
