package dev.stackscope.cli.fleet;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.fleet.FleetDiff;
import dev.stackscope.fleet.FleetDiffer;
import dev.stackscope.fleet.FleetMerger;
import dev.stackscope.output.Output;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackscope diff OLD NEW}: what changed between two snapshots (or two collections). */
@Command(
    name = "diff",
    sortOptions = false,
    description = {
      "Compare two snapshots (stack --json), or two directories of them (fleet's input): hosts"
          + " and components new or gone, roles changed, listening ports new or gone, scope"
          + " changes (a port now listened on other addresses, e.g. on all interfaces), edges"
          + " new or gone. Connection counts and PIDs are not changes.",
      "Exit status as diff(1): 0 when nothing changed, 1 when something did, 2 on bad input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:nothing changed", "1:something changed", "2:bad input (named)"})
public final class DiffCommand extends BaseCommand {
  @Parameters(
      index = "0",
      paramLabel = "OLD",
      description = "Snapshot file or directory (- for stdin).")
  String before;

  @Parameters(index = "1", paramLabel = "NEW", description = "Snapshot file or directory.")
  String after;

  @Override
  protected void validate() {
    if (before.equals("-") && after.equals("-")) {
      throw usageError("- (standard input) can be given only once");
    }
  }

  @Override
  protected ExitCode execute(Output out) {
    FleetDiff diff =
        FleetDiffer.diff(
            FleetMerger.merge(SnapshotArguments.read(List.of(before), root().invocation())),
            FleetMerger.merge(SnapshotArguments.read(List.of(after), root().invocation())));
    if (out.json()) {
      out.json(diff);
    } else {
      new DiffView(out).render(diff);
    }
    return diff.changed() ? ExitCode.FAILURE : ExitCode.OK;
  }
}
