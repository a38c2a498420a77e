package dev.stackscope.cli;

import dev.stackscope.host.Host;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.server.Runner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** The command line as the warm server sees it ({@link Runner}): the server never imports cli/. */
public final class ServedCommands implements Runner {
  /** Warm-up passes over every served command line before the quick ones (see {@link Training}). */
  private static final int ROUNDS = 5;

  /** Whether sock_diag netlink answers in this JVM (found in {@link #warmUp}). */
  private volatile boolean netlink;

  @Override
  public String command(List<String> args) {
    return Cli.subcommandName(args.toArray(String[]::new));
  }

  @Override
  public int run(Call call) {
    TerminalInfo terminal = terminal(call);
    Invocation invocation = new Invocation(call.workingDirectory(), call.pid(), call.in());
    return Cli.run(
        call.args().toArray(String[]::new), call.out(), call.err(), terminal, invocation, host());
  }

  /** The client's terminal as its request describes it: stdout (and stdin), and stderr. */
  static TerminalInfo terminal(Call call) {
    return new TerminalInfo(call.terminal(), call.stderrTerminal(), call.env());
  }

  /**
   * Host sources of a run's own: the live machine, with a netlink reader that is this run's alone
   * (on once {@link #warmUp} found that netlink answers), so concurrent runs share no netlink
   * state.
   */
  Host host() {
    return Host.live(netlink ? TcpDiag.on() : new TcpDiag());
  }

  @Override
  public void warmUp(Set<String> commands, Duration budget, BooleanSupplier stop) {
    // Native access that a fresh JVM cannot afford (JNA loads in ~140 ms) but that makes every
    // later run cheaper: listeners from netlink, not /proc/net/tcp.
    netlink = new TcpDiag().enable();
    Training.warmUp(commands, ROUNDS, budget, stop, this::host);
  }
}
