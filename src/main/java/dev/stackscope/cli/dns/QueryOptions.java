package dev.stackscope.cli.dns;

import dev.stackscope.dns.Protocol;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the dns commands send each query (--tcp, --timeout): one declaration, mixed into
 * {@link ResolverOptions} (resolve, reverse) and {@link DnsTraceCommand}. {@code --tries} is not
 * here: the stub resolver retries a server (default 2) where the tracer moves on to the zone's next
 * server address (default 1), and the help says so in each command.
 */
public final class QueryOptions {
  @Option(names = "--tcp", description = "Query over TCP (default: UDP, TCP when truncated).")
  boolean tcp;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "2000",
      description = "Wait this long for each reply (default: ${DEFAULT-VALUE} ms).")
  int timeoutMs;

  Protocol protocol() {
    return tcp ? Protocol.TCP : Protocol.UDP;
  }

  Duration timeout() {
    return Duration.ofMillis(timeoutMs);
  }

  /** The problem with these options, or null. */
  String validate() {
    return timeoutMs < 1 ? "--timeout must be at least 1 ms" : null;
  }

  /** The problem with a --tries value, or null; shared by the commands that declare --tries. */
  static String validateTries(int tries) {
    return tries < 1 ? "--tries must be at least 1" : null;
  }
}
