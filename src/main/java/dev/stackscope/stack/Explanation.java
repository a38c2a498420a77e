package dev.stackscope.stack;

import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Trace;
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
   * @param addressClass loopback, private, shared, link-local, unique-local, multicast, global
   * @param meaning what the class means for reaching it
   * @param local whether it is this host's own address
   * @param listener who listens on the port here (local addresses), or null when nothing does
   * @param gateway the default gateway the packet would leave by (other hosts), or null
   */
  public record AddressStep(
      String address, String addressClass, String meaning, boolean local, ListenerStep listener, String gateway) {}

  /** The process listening on the target port, with its role when the stack map names one. */
  public record ListenerStep(
      String program, List<Integer> pids, String user, String role, String component, String address, int port, String scope) {}

  /**
   * @param address where the connection went
   * @param ok whether it was established
   * @param millis how long connecting took
   * @param error refused, timed out, unreachable, or the system's message; null when ok
   */
  public record ConnectStep(String address, int port, boolean ok, long millis, String error) {}
}
