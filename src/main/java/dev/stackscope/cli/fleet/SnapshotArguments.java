package dev.stackscope.cli.fleet;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.Invocation;
import dev.stackscope.fleet.Snapshot;
import dev.stackscope.fleet.SnapshotException;
import dev.stackscope.fleet.SnapshotFiles;
import java.util.List;

/** Snapshots named on the command line; one that cannot be used is a usage error (exit 2). */
final class SnapshotArguments {
  private SnapshotArguments() {}

  static List<Snapshot> read(List<String> args, Invocation caller) {
    try {
      return SnapshotFiles.read(args, caller.workingDirectory(), caller.stdin());
    } catch (SnapshotException e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }
}
