package dev.stackscope.dns;

import dev.stackscope.dns.TraceStep.ServerRef;
import java.util.List;

/**
 * Why a trace failed, as data: {@code kind}, {@code name} (the CNAME target followed twice, or the
 * zone none of whose servers gave a usable reply), {@code limit} (the limit reached: CNAMEs,
 * lookups, queries, or milliseconds), and with {@link Kind#NO_USABLE_REPLY} what each server did.
 * The output layer chooses the words.
 */
public record TraceFailure(Kind kind, String name, Long limit, List<ServerFailure> servers) {

  /** The kinds of trace failure. */
  public enum Kind {
    CNAME_LOOP,
    TOO_MANY_CNAMES,
    NO_USABLE_REPLY,
    INTERRUPTED,
    LOOKUP_LIMIT,
    QUERY_LIMIT,
    TIME_LIMIT
  }

  static TraceFailure of(Kind kind) {
    return new TraceFailure(kind, null, null, List.of());
  }

  static TraceFailure limit(Kind kind, long limit) {
    return new TraceFailure(kind, null, limit, List.of());
  }

  static TraceFailure cnameLoop(String target) {
    return new TraceFailure(Kind.CNAME_LOOP, target, null, List.of());
  }

  static TraceFailure noUsableReply(String zone, List<ServerFailure> servers) {
    return new TraceFailure(Kind.NO_USABLE_REPLY, zone, null, List.copyOf(servers));
  }

  /**
   * What one of a zone's servers did: {@code server} (its address null when it had none to ask);
   * with {@code REPLY} the step's {@code reply} detail; with {@code NO_FAMILY_ADDRESS} the {@code
   * family} asked for; with {@code TOO_DEEP} the depth {@code limit}; with {@code
   * ADDRESS_NOT_FOUND} how the lookup of its address ended ({@code lookupResult}, {@code
   * lookupError}).
   */
  public record ServerFailure(
      Kind kind,
      ServerRef server,
      TraceDetail reply,
      Tracer.Family family,
      Integer limit,
      Trace.Result lookupResult,
      TraceFailure lookupError) {

    /** The kinds of server failure. */
    public enum Kind {
      TIMEOUT,
      /** A reply or exchange that could not be used: {@code reply} says why. */
      REPLY,
      NO_FAMILY_ADDRESS,
      /** Its address lookup needs, through glueless nameservers, the lookup under way. */
      CYCLE,
      EARLIER_LOOKUP_FAILED,
      TOO_DEEP,
      ADDRESS_NOT_FOUND
    }

    static ServerFailure of(Kind kind, ServerRef server) {
      return new ServerFailure(kind, server, null, null, null, null, null);
    }

    static ServerFailure reply(ServerRef server, TraceDetail reply) {
      return new ServerFailure(Kind.REPLY, server, reply, null, null, null, null);
    }

    static ServerFailure noFamilyAddress(ServerRef server, Tracer.Family family) {
      return new ServerFailure(Kind.NO_FAMILY_ADDRESS, server, null, family, null, null, null);
    }

    static ServerFailure tooDeep(ServerRef server, int limit) {
      return new ServerFailure(Kind.TOO_DEEP, server, null, null, limit, null, null);
    }

    static ServerFailure notFound(ServerRef server, Trace.Result result, TraceFailure error) {
      return new ServerFailure(Kind.ADDRESS_NOT_FOUND, server, null, null, null, result, error);
    }
  }
}
