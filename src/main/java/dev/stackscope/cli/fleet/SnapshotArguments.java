package dev.stackscope.cli.fleet;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.Invocation;
import dev.stackscope.fleet.Snapshot;
import dev.stackscope.fleet.SnapshotException;
import dev.stackscope.fleet.SnapshotFiles;
import dev.stackscope.output.ProgressLine;
import java.util.List;

/** Snapshots named on the command line; one that cannot be used is a usage error (exit 2). */
final class SnapshotArguments {
  private SnapshotArguments() {}

  static List<Snapshot> read(List<String> args, Invocation caller) {
    return read(args, caller, ProgressLine.off());
  }

  /** The snapshots, counted on {@code line} as they are read ("fleet: read 12 snapshots: F"). */
  static List<Snapshot> read(List<String> args, Invocation caller, ProgressLine line) {
    try {
      return SnapshotFiles.read(
          args,
          caller.workingDirectory(),
          caller.stdin(),
          (n, name) ->
              line.show("fleet: read " + n + (n == 1 ? " snapshot: " : " snapshots: ") + name));
    } catch (SnapshotException e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }
}
