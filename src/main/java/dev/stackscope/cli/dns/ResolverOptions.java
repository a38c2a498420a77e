package dev.stackscope.cli.dns;

import dev.stackscope.dns.ServerAddress;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.StubResolver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that ask a recursive resolver (resolve, reverse). */
public final class ResolverOptions {
  @Option(
      names = {"-s", "--server"},
      paramLabel = "IP[:PORT]",
      description = "Ask this resolver instead of the system's (repeatable; [v6]:port for IPv6).")
  List<String> servers = new ArrayList<>();

  @Mixin QueryOptions queryOptions;

  @Option(
      names = "--tries",
      paramLabel = "N",
      defaultValue = "2",
      description = "Queries per server before the next one (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(names = "--dnssec", description = "Set the DO bit: ask for RRSIG records too (not validated).")
  boolean dnssec;

  /** The resolver these options describe; {@link dev.stackscope.dns.DnsInputException} if bad. */
  StubResolver resolver() {
    List<InetSocketAddress> parsed = new ArrayList<>();
    for (String s : servers) {
      parsed.add(ServerAddress.parse(s, 53));
    }
    return new StubResolver(
        new SocketTransport(),
        new StubResolver.Settings(
            parsed, queryOptions.protocol(), queryOptions.timeout(), tries, dnssec));
  }

  String validate() {
    String problem = queryOptions.validate();
    return problem != null ? problem : QueryOptions.validateTries(tries);
  }
}
