package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.output.Output;
import dev.stackscope.process.DescriptorHeadroom;
import dev.stackscope.process.NoSuchProcessException;
import dev.stackscope.process.ProcessDetails;
import dev.stackscope.process.ProcessInspector;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope proc PID}: everything about one process. */
@Command(
    name = "proc",
    sortOptions = false,
    description = {
      "Show one process: identity, ancestry, users and groups, program, resources, systemd unit"
          + " and container, namespaces (the host's or another), cgroup limits against use"
          + " (memory, CPU quota and throttling, pids, pressure), environment, file descriptors (what stdin, stdout and stderr are, sockets resolved to their TCP/UDP"
          + " endpoints), listening ports and signal handling.",
      "Secret-looking environment values are masked unless --reveal.",
      "Exit 3 when permissions hide part of it (other users' environment and fds when not root)."
    })
public final class ProcCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The process.")
  String pidText;

  @Option(names = "--env", description = "Show environment values (not just their count).")
  boolean env;

  private int pid;

  @Override
  protected void validate() {
    pid = ProcessArguments.pid(pidText, "PID", this::usageError);
  }

  @Override
  protected ExitCode execute(Output out) {
    ProcessInspector inspector = host().inspector();
    if (inspector == null) {
      throw CommandException.failure("proc needs Linux's /proc, which this system does not have");
    }
    ProcessDetails d;
    try {
      d = inspector.inspect(pid);
    } catch (NoSuchProcessException e) {
      throw CommandException.failure(e.getMessage());
    }
    // One read of the kernel's socket tables, no walk over other processes: this process's own
    // descriptors say which sockets are its.
    SocketEndpoints sockets = new SocketEndpoints(host().ports().socketsByInode());
    List<SocketEntry> listening = d.fds() == null ? null : sockets.listening(d.fds());
    DescriptorHeadroom headroom =
        d.fds() == null
            ? null
            : DescriptorHeadroom.read(host().proc().resolve(Integer.toString(pid)), d.fds().size());
    IdentityDetails identity = IdentityDetails.read(host().identities(), pid);
    ProcView view = new ProcView(out, env, sockets, host().accounts(), host().clock());
    if (out.json()) {
      out.json(ProcJson.of(d, view, listening, host().accounts(), headroom, identity));
    } else {
      out.detail(view.detail(d, listening, headroom, identity));
    }
    IdentityNotes.note(out, host().identities(), host().runningAsRoot());
    if (!d.denied().isEmpty()) {
      out.note("permission denied: " + String.join(", ", d.denied()) + " of PID " + pid);
      return ExitCode.PARTIAL;
    }
    return ExitCode.OK;
  }
}
