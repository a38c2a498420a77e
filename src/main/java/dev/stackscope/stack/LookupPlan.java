package dev.stackscope.stack;

import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.Protocol;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.StubResolver;
import dev.stackscope.dns.Tracer;
import dev.stackscope.os.InputFile;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code explain} turns a host name into addresses, as the options ask: the hosts file then the
 * system's resolvers (the default), DNS servers given ({@code --server}: no hosts file), or a trace
 * from the root ({@code --trace}). A request record: {@link #resolver()} builds the lookup.
 *
 * @param servers the DNS servers to ask; empty for the system's (resolv.conf)
 * @param hostsFile the hosts file consulted first (without servers and roots)
 * @param hostsFileGiven whether the user named the hosts file: then a missing one is an error
 * @param roots with a trace, the root servers to start from; null for stub resolution
 * @param port with a trace, the port every query goes to
 * @param timeout how long to wait for each DNS reply
 */
public record LookupPlan(
    List<InetSocketAddress> servers,
    Path hostsFile,
    boolean hostsFileGiven,
    List<NameServer> roots,
    int port,
    Duration timeout) {

  /** Stub retries per server, as the system resolver's default (resolv.conf "attempts:2"). */
  private static final int STUB_TRIES = 2;

  public LookupPlan {
    servers = List.copyOf(servers);
  }

  /** The lookup; reads the hosts file (a missing default one is an empty table). */
  public HostLookup resolver() throws InputFile.Unreadable {
    if (roots != null) {
      Tracer tracer =
          new Tracer(
              new SocketTransport(),
              Tracer.Settings.of(roots, port, Protocol.UDP, timeout, 1, Tracer.Family.ANY));
      return new HostLookup(null, null, null, tracer);
    }
    StubResolver stub =
        new StubResolver(
            new SocketTransport(),
            new StubResolver.Settings(servers, Protocol.UDP, timeout, STUB_TRIES, false));
    if (!servers.isEmpty()) {
      return new HostLookup(null, null, stub, null); // --server: DNS only
    }
    return new HostLookup(hostsFile, HostsFile.read(hostsFile, !hostsFileGiven), stub, null);
  }
}
