package dev.stackscope.cli.dns;

import dev.stackscope.dns.check.ZoneChecker;
import dev.stackscope.output.ProgressLine;

/**
 * The progress of {@code dns check} on its run's {@link ProgressLine}: which stage, and how many
 * server addresses were checked.
 */
final class CheckProgress implements ZoneChecker.Progress, AutoCloseable {
  private final ProgressLine line;

  CheckProgress(ProgressLine line) {
    this.line = line;
  }

  @Override
  public void update(ZoneChecker.Stage stage, int done, int total) {
    String text =
        switch (stage) {
          case DELEGATION -> "finding the delegation…";
          case NAMESERVERS -> "asking the nameservers for the zone's NS set…";
          case PROBES -> "checking server addresses: " + done + " of " + total;
        };
    line.show("dns check: " + text);
  }

  @Override
  public void close() {
    line.close();
  }
}
