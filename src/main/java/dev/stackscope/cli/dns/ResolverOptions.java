package dev.stackscope.cli.dns;

import dev.stackscope.dns.DnsInputException;
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

  @Option(
      names = "--dnssec",
      description = "Set the DO bit: ask for RRSIG records too (not validated).")
  boolean dnssec;

  /** The --server addresses; {@link DnsInputException} if one is not an address. */
  private List<InetSocketAddress> serverAddresses() {
    return serverAddresses(53);
  }

  /** The --server addresses, {@code port} where none is given; call after {@link #validate}. */
  List<InetSocketAddress> serverAddresses(int port) {
    List<InetSocketAddress> parsed = new ArrayList<>();
    for (String s : servers) {
      parsed.add(ServerAddress.parse(s, port));
    }
    return parsed;
  }

  /** A stub asking {@code servers} over {@code transport} (dns resolve's --tls, --https, EDNS). */
  StubResolver resolver(
      dev.stackscope.dns.DnsTransport transport,
      List<InetSocketAddress> servers,
      dev.stackscope.dns.Protocol protocol,
      dev.stackscope.dns.QueryShape shape) {
    return new StubResolver(
        transport,
        new StubResolver.Settings(servers, protocol, queryOptions.timeout(), tries, shape));
  }

  /**
   * The resolver these options describe (without --server, the system's resolvers from
   * resolv.conf); call after {@link #validate}.
   */
  StubResolver resolver() {
    return new StubResolver(
        new SocketTransport(),
        new StubResolver.Settings(
            serverAddresses(), queryOptions.protocol(), queryOptions.timeout(), tries, dnssec));
  }

  /** The problem with these options (a bad --server, --timeout or --tries), or null. */
  String validate() {
    String problem = queryOptions.validate();
    if (problem == null) {
      problem = QueryOptions.validateTries(tries);
    }
    if (problem == null) {
      try {
        serverAddresses();
      } catch (DnsInputException e) {
        problem = e.getMessage();
      }
    }
    return problem;
  }
}
