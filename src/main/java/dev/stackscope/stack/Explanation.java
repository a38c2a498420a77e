package dev.stackscope.stack;

import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Trace;
import dev.stackscope.ip.Verdict;
import dev.stackscope.net.Reach;
import java.util.List;

/**
 * What {@code explain} found along a request's path, step by step. Serialised as is by {@code
 * explain --json}.
 *
 * @param target the target's anatomy
 * @param resolution how the host became addresses
 * @param addresses what each address is and who answers there
 * @param connect the TCP connection's outcome, or null without {@code --connect}
 */
public record Explanation(
    Target target, Resolution resolution, List<AddressStep> addresses, ConnectStep connect) {

  /**
   * @param input the target as given
   * @param scheme the URL's scheme, or null for {@code host:port} and bare hosts
   * @param host the host (an IPv6 literal without brackets)
   * @param port the effective port
   * @param defaultPort the scheme's default port, or null
   * @param portSource {@code explicit}, {@code scheme default} or {@code assumed (http)}
   */
  public record Target(
      String input, String scheme, String host, int port, Integer defaultPort, String portSource) {}

  /**
   * How the host became addresses.
   *
   * @param method {@code literal} (an IP address, no lookup), {@code hosts file}, {@code dns} (stub
   *     queries to recursive resolvers) or {@code trace} (iterative from the root)
   * @param source the hosts file's path, the resolvers asked, or how the trace started
   * @param outcome {@code answer}, {@code nxdomain}, {@code nodata}, another rcode in lower case
   *     ({@code servfail}, {@code refused}), or what the servers did when none answered
   *     ({@code timeout})
   * @param server the server whose reply gave the answer (DNS), or null
   * @param addresses the addresses, A before AAAA
   * @param records the answer records with their TTLs: the CNAME chain, then A and AAAA
   * @param queries the stub queries, as {@code dns resolve --json} shows them (method dns)
   * @param traces the traces, as {@code dns trace --json} shows them (method trace)
   */
  public record Resolution(
      String method,
      String source,
      String outcome,
      String server,
      List<String> addresses,
      List<RecordData> records,
      List<dev.stackscope.dns.Resolution> queries,
      List<Trace> traces) {

    public static Resolution literal(String address) {
      return new Resolution("literal", null, "answer", null, List.of(address), List.of(), List.of(), List.of());
    }
  }

  /**
   * One address of the host.
   *
   * @param address the address
   * @param addressClass the address's class, as {@code ip} gives it
   * @param meaning what the class means for reaching it (the class's meaning in {@code ip})
   * @param local whether it is this host's own address
   * @param listener who listens on the port here (local addresses), or null when nothing does
   * @param gateway the next hop the packet leaves by (other hosts), or null: on-link or no route
   * @param interfaceName the interface it leaves by, or null (this host's address, no route, a
   *     link-local address without a zone)
   * @param onLink whether it reaches the destination directly on the link, without a gateway
   */
  public record AddressStep(
      String address,
      Verdict addressClass,
      String meaning,
      boolean local,
      ListenerStep listener,
      String gateway,
      String interfaceName,
      boolean onLink) {}

  /** The process listening on the target port, with its role when the stack map names one. */
  public record ListenerStep(
      String program, List<Integer> pids, String user, String role, String component, String address, int port, Reach scope) {}

  /**
   * The outcome of {@code --connect}: the host's addresses tried one at a time in Happy Eyeballs
   * order (RFC 8305: IPv6 and IPv4 interleaved) until one connected.
   *
   * @param address the address that connected, or the last one tried when none did
   * @param port the port
   * @param ok whether a connection was established
   * @param millis how long it took from the first attempt to the connection (or the last failure)
   * @param error null when ok; else the one attempt's error (refused, timed out, unreachable, or
   *     the system's message), or {@code all N addresses failed: ADDRESS ERROR, ...}
   * @param attempts every attempt, in the order made
   */
  public record ConnectStep(
      String address, int port, boolean ok, long millis, String error, List<ConnectAttempt> attempts) {
    public ConnectStep {
      attempts = List.copyOf(attempts);
    }
  }

  /**
   * One connection attempt.
   *
   * @param address the address tried
   * @param ok whether it connected
   * @param millis how long the attempt took
   * @param error refused, timed out, unreachable, or the system's message; null when ok
   */
  public record ConnectAttempt(String address, boolean ok, long millis, String error) {}
}
