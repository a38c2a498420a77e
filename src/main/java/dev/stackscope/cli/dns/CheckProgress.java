package dev.stackscope.cli.dns;

import dev.stackscope.dns.check.ZoneChecker;
import dev.stackscope.output.Output;
import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;

/**
 * The one-line progress of {@code dns check} on stderr, redrawn in place and erased at the end;
 * only when stderr is a terminal (nothing at all when it is piped or in a file). A run in the warm
 * server cannot see its client's stderr and stays quiet too.
 */
final class CheckProgress implements ZoneChecker.Progress, AutoCloseable {
  private static final String ERASE = "\r\033[K";

  private final PrintWriter err;
  private boolean drawn;

  CheckProgress(PrintWriter err) {
    this.err = err;
  }

  /** A progress line for this run, or none (stdout or stderr not a terminal). */
  static CheckProgress forRun(Output out, TerminalInfo terminal) {
    return terminal.interactive() && terminal.stderrTerminal()
        ? new CheckProgress(out.stderr())
        : null;
  }

  @Override
  public synchronized void update(ZoneChecker.Stage stage, int done, int total) {
    String text =
        switch (stage) {
          case DELEGATION -> "finding the delegation…";
          case NAMESERVERS -> "asking the nameservers for the zone's NS set…";
          case PROBES -> "checking server addresses: " + done + "/" + total;
        };
    err.print(ERASE + "dns check: " + text);
    err.flush();
    drawn = true;
  }

  @Override
  public synchronized void close() {
    if (drawn) {
      err.print(ERASE);
      err.flush();
    }
  }
}
