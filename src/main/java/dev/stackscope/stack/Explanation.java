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
   * @param portSource where the port came from
   */
  public record Target(
      String input,
      String scheme,
      String host,
      int port,
      Integer defaultPort,
      PortSource portSource) {}

  /** Where the target's port came from; JSON: the lowercase word. */
  public enum PortSource {
    /** Written in the target. */
    EXPLICIT("explicit"),
    /** The URL scheme's default port. */
    SCHEME_DEFAULT("scheme default"),
    /** No scheme and no port: HTTP's 80 is assumed. */
    ASSUMED_HTTP("assumed (http)");

    private final String word;

    PortSource(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /** How the host became addresses; JSON: the lowercase word. */
  public enum Method {
    /** An IP address: no lookup. */
    LITERAL("literal"),
    /** Found in the hosts file. */
    HOSTS_FILE("hosts file"),
    /** Stub queries to recursive resolvers. */
    DNS("dns"),
    /** Iterative resolution from the root. */
    TRACE("trace");

    private final String word;

    Method(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /**
   * How the resolution ended. JSON: the lowercase word ({@code answer}, {@code nxdomain}, {@code
   * servfail}, {@code timeout}, ...); an error rcode without a constant of its own is {@code
   * rcode}, its name then in {@link Resolution#error}.
   */
  public enum Outcome {
    ANSWER,
    NXDOMAIN,
    /** The name exists but has no A or AAAA record. */
    NODATA,
    FORMERR,
    SERVFAIL,
    NOTIMP,
    REFUSED,
    /** Another error rcode (named in {@link Resolution#error}). */
    RCODE,
    /** No server replied: every attempt timed out. */
    TIMEOUT,
    /** No server gave a usable reply (the first error in {@link Resolution#error}). */
    NO_REPLY,
    /** There was no DNS server to ask (none in resolv.conf). */
    NO_SERVER,
    /** The trace from the root failed (the last trace's error says why). */
    FAILED;

    /** The outcome of a reply with this rcode (NOERROR with no address is NODATA). */
    public static Outcome ofRcode(String rcode) {
      return switch (rcode) {
        case "NOERROR" -> NODATA;
        case "NXDOMAIN" -> NXDOMAIN;
        case "FORMERR" -> FORMERR;
        case "SERVFAIL" -> SERVFAIL;
        case "NOTIMP" -> NOTIMP;
        case "REFUSED" -> REFUSED;
        default -> RCODE;
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * How the host became addresses.
   *
   * @param method how the host was looked up
   * @param source the hosts file's path or the resolvers asked; null for literals, traces, and when
   *     no resolver was configured
   * @param outcome how it ended
   * @param error with {@code no reply}, the first server's error; with {@code rcode}, the rcode;
   *     null otherwise (a failed trace says why in the last of {@code traces})
   * @param server the server whose reply gave the answer (DNS), or null
   * @param addresses the addresses, A before AAAA
   * @param records the answer records with their TTLs: the CNAME chain, then A and AAAA
   * @param queries the stub queries, as {@code dns resolve --json} shows them (method dns)
   * @param traces the traces, as {@code dns trace --json} shows them (method trace)
   */
  public record Resolution(
      Method method,
      String source,
      Outcome outcome,
      String error,
      String server,
      List<String> addresses,
      List<RecordData> records,
      List<dev.stackscope.dns.Resolution> queries,
      List<Trace> traces) {

    public static Resolution literal(String address) {
      return new Resolution(
          Method.LITERAL,
          null,
          Outcome.ANSWER,
          null,
          null,
          List.of(address),
          List.of(),
          List.of(),
          List.of());
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

  /**
   * The process listening on the target port, with its role when the stack map names one. When the
   * port is a container's published port, {@code published} says how (docker-proxy, or conmon and
   * the DNAT rule) and where it leads, and the listener is the container's server; else null.
   */
  public record ListenerStep(
      String program,
      List<Integer> pids,
      String user,
      String role,
      String component,
      StackMap.Replication replication,
      String address,
      int port,
      Reach scope,
      dev.stackscope.net.PublishedPort published) {}

  /**
   * The outcome of {@code --connect}: the host's addresses tried one at a time in Happy Eyeballs
   * order (RFC 8305: IPv6 and IPv4 interleaved) until one connected.
   *
   * @param address the address that connected, or the last one tried when none did
   * @param port the port
   * @param ok whether a connection was established
   * @param millis how long it took from the first attempt to the connection (or the last failure)
   * @param error null when ok; else the last attempt's error, or {@code no address}
   * @param attempts every attempt, in the order made
   */
  public record ConnectStep(
      String address,
      int port,
      boolean ok,
      long millis,
      ConnectError error,
      List<ConnectAttempt> attempts) {
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
   * @param error why it failed; null when ok
   * @param message the system's message for {@code error} (other errors), else null
   */
  public record ConnectAttempt(
      String address, boolean ok, long millis, ConnectError error, String message) {
    /** A failed attempt with one of the errors that need no message. */
    public static ConnectAttempt failed(String address, long millis, ConnectError error) {
      return new ConnectAttempt(address, false, millis, error, null);
    }

    /** A connection made. */
    public static ConnectAttempt connected(String address, long millis) {
      return new ConnectAttempt(address, true, millis, null, null);
    }
  }

  /** Why a connection attempt failed; JSON: the lowercase words. */
  public enum ConnectError {
    /** Nothing listens (ECONNREFUSED). */
    REFUSED("refused"),
    /** No answer within the timeout. */
    TIMED_OUT("timed out"),
    /** No route to the host or its network. */
    UNREACHABLE("unreachable"),
    /** Another error: the attempt's message names it. */
    OTHER("error"),
    /** The host had no address to connect to. */
    NO_ADDRESS("no address");

    private final String word;

    ConnectError(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }
}
