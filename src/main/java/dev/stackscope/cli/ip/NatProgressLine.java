package dev.stackscope.cli.ip;

import dev.stackscope.ip.NatBehaviourProbe;
import dev.stackscope.ip.TransportAddress;
import dev.stackscope.output.ProgressLine;
import java.time.Duration;

/**
 * Which STUN test {@code nat} is waiting on, to which server, and the seconds left of its timeout,
 * on the run's {@link ProgressLine}.
 */
final class NatProgressLine implements NatBehaviourProbe.Progress, AutoCloseable {
  private final ProgressLine line;
  private final Duration timeout;

  NatProgressLine(ProgressLine line, Duration timeout) {
    this.line = line;
    this.timeout = timeout;
  }

  @Override
  public void testing(NatBehaviourProbe.Test test, TransportAddress server) {
    line.countdown("nat: " + words(test) + " to " + server + "…", timeout);
  }

  static String words(NatBehaviourProbe.Test test) {
    return switch (test) {
      case BINDING -> "binding request";
      case MAPPING_OTHER_ADDRESS -> "mapping test (other address)";
      case MAPPING_OTHER_PORT -> "mapping test (other address and port)";
      case FILTERING_CHANGE_ADDRESS -> "filtering test (answer from the other address)";
      case FILTERING_CHANGE_PORT -> "filtering test (answer from the other port)";
    };
  }

  @Override
  public void close() {
    line.close();
  }
}
