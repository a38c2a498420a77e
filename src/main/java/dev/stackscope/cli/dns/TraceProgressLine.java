package dev.stackscope.cli.dns;

import dev.stackscope.dns.TraceProgress;
import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import dev.stackscope.output.TerminalInfo;

/**
 * What {@code dns trace} is waiting on, on the run's {@link ProgressLine}: "asking NAME (ADDRESS)
 * for QUESTION… query N" (the names are the servers', sanitised by the line).
 */
final class TraceProgressLine implements TraceProgress, AutoCloseable {
  private final ProgressLine line;

  TraceProgressLine(ProgressLine line) {
    this.line = line;
  }

  static TraceProgressLine forRun(Output out, TerminalInfo terminal) {
    return new TraceProgressLine(ProgressLine.forRun(out.stderr(), terminal));
  }

  @Override
  public void asking(String server, String address, String question, int query) {
    line.show(
        "dns trace: asking " + server + " (" + address + ") for " + question + "… query " + query);
  }

  @Override
  public void close() {
    line.close();
  }
}
