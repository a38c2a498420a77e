package dev.stackscope.cli.dns;

import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.DurationOption.BareUnit;
import dev.stackscope.dns.Protocol;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the dns commands send each query (--tcp, --timeout): one declaration, mixed into {@link
 * ResolverOptions} (resolve, reverse) and {@link DnsTraceCommand}. {@code --tries} is not here: the
 * stub resolver retries a server (default 2) where the tracer moves on to the zone's next server
 * address (default 1), and the help says so in each command.
 */
public final class QueryOptions {
  /**
   * The longest wait for one reply: a minute, far beyond any real server's answer, short enough
   * that a forgotten run (or a warm-server slot) is never held for days.
   */
  public static final int MAX_TIMEOUT_MS = 60_000;

  public static final Duration MAX_TIMEOUT = Duration.ofMillis(MAX_TIMEOUT_MS);

  /** The most tries per server: with the longest timeout, ten minutes per server at worst. */
  public static final int MAX_TRIES = 10;

  @Option(names = "--tcp", description = "Query over TCP (default: UDP, TCP when truncated).")
  boolean tcp;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationOption.Millis.class,
      description =
          "Wait this long for each reply: 500ms, 2s; a bare number is milliseconds (1ms to 60s,"
              + " default: ${DEFAULT-VALUE}).")
  Duration timeout;

  Protocol protocol() {
    return tcp ? Protocol.TCP : Protocol.UDP;
  }

  Duration timeout() {
    return timeout;
  }

  /** The problem with these options, or null. */
  String validate() {
    return validateTimeout("--timeout", timeout);
  }

  /** The problem with a per-reply timeout, or null; shared with explain's --dns-timeout. */
  public static String validateTimeout(String option, Duration timeout) {
    return DurationOption.problem(
        option, timeout, Duration.ofMillis(1), MAX_TIMEOUT, BareUnit.MILLISECONDS);
  }

  /** The problem with a --tries value, or null; shared by the commands that declare --tries. */
  static String validateTries(int tries) {
    if (tries < 1) {
      return "--tries must be at least 1";
    }
    return tries > MAX_TRIES ? "--tries must be at most " + MAX_TRIES : null;
  }
}
