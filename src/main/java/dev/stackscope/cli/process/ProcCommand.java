package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.output.Output;
import dev.stackscope.process.NoSuchProcessException;
import dev.stackscope.process.ProcessDetails;
import dev.stackscope.process.ProcessInspector;
import dev.stackscope.process.SocketResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope proc PID}: everything about one process. */
@Command(
    name = "proc",
    sortOptions = false,
    description = {
      "Show one process: identity, ancestry, users and groups, program, resources, environment,"
          + " file descriptors (what stdin, stdout and stderr are) and signal handling.",
      "Secret-looking environment values are masked unless --reveal.",
      "Exit 3 when permissions hide part of it (other users' environment and fds when not root)."
    })
public final class ProcCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The process.")
  String pidText;

  @Option(names = "--env", description = "Show environment values (not just their count).")
  boolean env;

  /** Describes sockets on stdin/stdout/stderr; the ports feature plugs in here (null: none). */
  SocketResolver sockets;

  @Override
  protected ExitCode execute(Output out) {
    int pid = ProcessArguments.pid(pidText, "PID", this::usageError);
    ProcessInspector inspector = ProcessInspector.system();
    if (inspector == null) {
      throw CommandException.failure("proc needs Linux's /proc, which this system does not have");
    }
    ProcessDetails d;
    try {
      d = inspector.inspect(pid);
    } catch (NoSuchProcessException e) {
      throw CommandException.failure(e.getMessage());
    }
    ProcView view = new ProcView(out, env, sockets != null ? sockets : SocketResolver.NONE);
    if (out.json()) {
      out.json(ProcJson.of(d, view));
    } else {
      out.detail(view.detail(d));
    }
    if (!d.denied().isEmpty()) {
      out.note("permission denied: " + String.join(", ", d.denied()) + " of PID " + pid);
      return ExitCode.PARTIAL;
    }
    return ExitCode.OK;
  }
}
