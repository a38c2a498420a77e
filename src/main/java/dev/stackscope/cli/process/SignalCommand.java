package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.output.Output;
import dev.stackscope.output.Text;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.Signals;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackscope signal PID SIGNAL}: sends a signal through libc kill(). */
@Command(
    name = "signal",
    description = {
      "Send a signal to a process: a name (TERM, SIGINT, hup, RTMIN+2) or a number; 0 only tests"
          + " that the process exists and may be signalled.",
      "Exit 1 when there is no such process or the signal is not permitted."
    })
public final class SignalCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The process.")
  String pidText;

  @Parameters(index = "1", paramLabel = "SIGNAL", description = "The signal, by name or number.")
  String signalText;

  /** {@code signal --json}. */
  record SignalJson(int pid, String name, int signal, String signalName, boolean sent) {}

  private int pid;
  private int sig;

  @Override
  protected void validate() {
    pid = ProcessArguments.pid(pidText, "PID", this::usageError);
    OptionalInt parsed = Signals.parse(signalText);
    if (parsed.isEmpty()) {
      throw usageError(
          "not a signal: '" + signalText + "' (a name like TERM, SIGINT, HUP, or a number 0-64)");
    }
    sig = parsed.getAsInt();
  }

  @Override
  protected ExitCode execute(Output out) {
    String sigName = sig == 0 ? "0" : Signals.name(sig);
    ProcessSource source = host().processes();
    ProcessInfo target = source.process(pid).orElse(null);
    String who = "PID " + pid + (target != null ? " (" + target.name() + ")" : "");
    switch (host().signals().send(pid, sig)) {
      case NO_SUCH_PROCESS -> throw CommandException.failure("no process with PID " + pid);
      case NOT_PERMITTED -> {
        String owner = target != null && target.user() != null ? target.user() : "another user";
        throw CommandException.failure(
            "not permitted to send "
                + (sig == 0 ? "signal 0" : sigName)
                + " to "
                + who
                + ": it belongs to "
                + owner);
      }
      case SENT -> {
        if (out.json()) {
          out.json(new SignalJson(pid, target != null ? target.name() : null, sig, sigName, true));
        } else if (sig == 0) {
          out.line(Text.of(who + " exists and may be signalled (signal 0 sent nothing)"));
        } else {
          out.line(Text.of("sent " + sigName + " (" + sig + ") to " + who));
        }
        return ExitCode.OK;
      }
      default -> throw new IllegalStateException();
    }
  }
}
